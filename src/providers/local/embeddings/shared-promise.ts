/**
 * Wraps an expensive async initialiser so that every caller shares one in-flight or settled result, but a
 * failure is not remembered: the next call tries again. (A model that failed to load because of a transient
 * problem, e.g. a file being replaced during a deploy, must not stay broken for the life of the process.)
 */
export function sharedPromise<T>(create: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= create().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
