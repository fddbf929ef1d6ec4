/**
 * Builds data/taxonomy.json: canonical skills with aliases and categories, and job titles → O*NET
 * occupations. Run `npm run build:taxonomy [-- <skills dir>]`; the skills dir defaults to
 * ../shared/data/skills beside the repository. The output is deterministic (sorted, no timestamps).
 *
 * Sources, in order of precedence when two claim the same surface (the first claim wins):
 *   1. the curated tables below (common resume spellings: JS, k8s, golang, MS Excel, CI/CD …);
 *   2. linguist-languages (programming languages and their aliases, MIT);
 *   3. O*NET 29.2 Technology Skills (tool names, categories, Hot Technology flag);
 *   4. github/explore topics (tech topics and aliases);
 *   5. ESCO 1.1.1 skills, filtered to knowledge, transversal, cross-sector and digital skills.
 * Tech sources win over ESCO for tech names: ESCO's "Spark" (the SPARK language) or its "TensorFlow"
 * label on "computer vision" never take a surface a tech source already owns.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as linguist from 'linguist-languages';
import { AMBIGUOUS_PREFIX, SKILL_FLAG_HOT, TAXONOMY_FORMAT, type TaxonomyFile } from '../src/taxonomy/data.js';
import { phraseKey, tokenize } from '../src/taxonomy/tokenize.js';
import { singular, titleHead, titleKey, titleWords } from '../src/taxonomy/title-key.js';

/** Splits a whitespace-separated word list written as a template string. */
function wordList(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0);
}

// ---------------------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------------------

/** The stable category set. Spoken languages are deliberately not skills (see spokenLanguages). */
const CATEGORIES = [
  'programming-language',
  'markup-format',
  'framework-library',
  'database',
  'cloud-platform',
  'developer-tool',
  'operating-system',
  'networking-security',
  'data-ml',
  'software',
  'technology',
  'methodology',
  'soft-skill',
  'professional-skill',
  'knowledge',
] as const;
type Category = (typeof CATEGORIES)[number];

/** Categories whose skills are "general" (ESCO may merge into them); every other category is tech. */
const GENERAL_CATEGORIES: ReadonlySet<Category> = new Set(['soft-skill', 'professional-skill', 'knowledge']);

/**
 * O*NET's 135 commodity titles → categories; first matching rule wins, anything else is "software".
 * When one example is listed under several commodities, CATEGORY_PRECEDENCE picks one.
 */
const ONET_CATEGORY_RULES: ReadonlyArray<readonly [RegExp, Category]> = [
  [/^(development environment|object or component oriented development|compiler and decompiler)/i, 'developer-tool'],
  [/^(web platform development|graphical user interface development)/i, 'framework-library'],
  [/^(data base management system|object oriented data base|data base user interface|metadata management)/i, 'database'],
  [/^cloud-based management/i, 'cloud-platform'],
  [
    /^(configuration management|file versioning|program testing|application server|clustering|enterprise system management|backup or archival|enterprise application integration|requirements analysis|transaction server|portal server|procedure management)/i,
    'developer-tool',
  ],
  [
    /(network|router|authentication server|transaction security|internet directory|administration software|lan software|wan switching|wireless software|bridge software|gateway software|internet protocol|cloud-based protection|access software|communications server)/i,
    'networking-security',
  ],
  [
    /^(analytical or scientific|business intelligence|data mining|categorization or classification|charting|risk management data)/i,
    'data-ml',
  ],
  [/^(operating system|device drivers|filesystem)/i, 'operating-system'],
];

const CATEGORY_PRECEDENCE: readonly Category[] = [
  'programming-language',
  'markup-format',
  'database',
  'cloud-platform',
  'framework-library',
  'data-ml',
  'developer-tool',
  'networking-security',
  'operating-system',
  'software',
  'technology',
];

function onetCategory(commodityTitle: string): Category {
  for (const [re, category] of ONET_CATEGORY_RULES) if (re.test(commodityTitle)) return category;
  return 'software';
}

// ---------------------------------------------------------------------------------------------------------
// Curated tables. Each line is "Canonical name: alias, alias". An alias written "?Excel" needs context
// (skills section, neighbouring skill) to count; short and common-word aliases get that flag anyway.
// ---------------------------------------------------------------------------------------------------------

const CURATED: Readonly<Partial<Record<Category, readonly string[]>>> = {
  'programming-language': [
    'JavaScript: js, java script, ecmascript, es6, es2015, vanilla js, vanilla javascript',
    'TypeScript: ts',
    'Python: python3, python 3, python2, python 2, py',
    'Java: core java, java se, j2se, java 8, java 11, java 17, jdk, jre',
    'C: c language, ansi c, c programming, embedded c',
    'C++: cpp, cplusplus, c plus plus, visual c++, vc++',
    'C#: csharp, c sharp, visual c#',
    'Go: golang, go lang',
    'Rust: rust lang, rustlang',
    'Ruby',
    'PHP: php5, php7, php 5, php 7',
    'Perl',
    'Swift',
    'Kotlin',
    'Scala',
    'R: r programming, r language, rstats, rstudio',
    'MATLAB: mat lab, the mathworks matlab',
    'Objective-C: objective c, objc, obj-c',
    'Visual Basic: vb, vb6, visual basic 6',
    'VB.NET: vb .net, visual basic .net, visual basic.net, vbnet',
    'VBA: visual basic for applications, excel vba',
    'VBScript: vb script',
    'SQL: structured query language, sql queries, sql programming',
    'PL/SQL: plsql, pl sql, oracle pl/sql',
    'T-SQL: tsql, transact-sql, transact sql',
    'Bash: bash scripting, bash script, bash shell',
    'Shell scripting: shell script, shell scripts, unix shell, unix shell scripting, linux shell, shell programming, ?shell',
    'PowerShell: windows powershell, powershell scripting, microsoft powershell',
    'Dart',
    'Elixir',
    'Erlang',
    'Haskell',
    'Clojure',
    'F#: fsharp',
    'Lua',
    'Julia',
    'Groovy',
    'Fortran',
    'COBOL',
    'Assembly language: assembly, assembler, asm, x86 assembly',
    'Pascal',
    'Delphi: object pascal',
    'ABAP',
    'Apex: salesforce apex',
    'Solidity',
    'ActionScript: actionscript 3, actionscript 3.0, as3',
    'CoffeeScript',
    'Verilog',
    'VHDL',
    'SystemVerilog',
    'Prolog',
    'BASIC: ?BASIC',
    'Lisp',
    'GraphQL',
  ],
  'markup-format': [
    'HTML: html5, html 5, hypertext markup language',
    'XHTML: x html',
    'DHTML',
    'CSS: css3, css 3, cascading style sheets',
    'Sass: scss',
    'Less: less css, lesscss',
    'XML: extensible markup language',
    'XSLT: xsl, xsl-fo',
    'XSD: xml schema',
    'XPath',
    'JSON: javascript object notation',
    'YAML: yml',
    'Markdown',
    'LaTeX',
    'WSDL',
    'SVG',
    'Protocol Buffers: protobuf',
  ],
  'framework-library': [
    'React: react.js, reactjs, react js',
    'React Native',
    'Angular: angularjs, angular.js, angular js, angular 2',
    'Vue.js: vue, vuejs, vue js',
    'Svelte',
    'Next.js: nextjs, next js',
    'Nuxt.js: nuxtjs, nuxt',
    'Node.js: node, nodejs, node js',
    'Express.js: ?express, expressjs, express js',
    'NestJS: nest.js, nest js',
    'Django',
    'Flask',
    'FastAPI',
    'Spring Framework: ?spring, spring framework, spring core',
    'Spring Boot: springboot',
    'Spring MVC',
    'Hibernate',
    'Apache Struts: struts, struts2, struts 2',
    'JSF: javaserver faces, java server faces',
    'JSP: java server pages, javaserver pages',
    'Java Servlets: servlets, servlet',
    'EJB: enterprise javabeans, enterprise java beans',
    'J2EE: java ee, jee, jakarta ee, java enterprise edition, javaee',
    'JDBC',
    'JPA: java persistence api',
    'JMS: java message service',
    'Swing: java swing',
    'JavaFX',
    '.NET: dotnet, .net framework, .net core, dot net, microsoft .net',
    'ASP.NET: asp .net, asp.net mvc, asp.net core, aspnet',
    'ASP: classic asp, active server pages',
    'ADO.NET',
    'Entity Framework',
    'WPF: windows presentation foundation',
    'WinForms: windows forms',
    'WCF: windows communication foundation',
    'LINQ',
    'Xamarin',
    'jQuery: jquery ui',
    'Bootstrap: twitter bootstrap',
    'Tailwind CSS: tailwind',
    'Redux',
    'Backbone.js: backbonejs',
    'Ember.js: ?ember, emberjs',
    'Ruby on Rails: rails, ror',
    'Laravel',
    'Symfony',
    'CodeIgniter',
    'Zend Framework: zend',
    'CakePHP',
    'TensorFlow',
    'PyTorch',
    'Keras',
    'scikit-learn: sklearn, scikit learn',
    'pandas',
    'NumPy',
    'SciPy',
    'Matplotlib',
    'OpenCV',
    'NLTK',
    'spaCy',
    'Hugging Face Transformers: hugging face, huggingface',
    'Qt',
    'MFC: microsoft foundation classes',
    'Win32 API: win32, win32 sdk',
    'OpenGL',
    'DirectX',
    'Flutter',
    'Ionic',
    'Apache Cordova: cordova, phonegap',
    'Electron',
    'GWT: google web toolkit',
    'Log4j',
    'RxJS',
    'Three.js',
    'D3.js: d3, d3js',
    'Socket.IO',
    'gRPC',
    'AJAX: ajax',
    'Apache Velocity: velocity',
    'Apache Tiles: ?tiles',
    'Java applets: applets, applet, java applet',
  ],
  database: [
    'MySQL: my sql',
    'PostgreSQL: postgres, postgre sql, postgre, psql, pgsql',
    'Oracle Database: oracle db, oracle, oracle rdbms, oracle database server',
    'Microsoft SQL Server: sql server, ms sql, mssql, ms sql server, ms-sql, mssql server',
    'SQLite',
    'MongoDB: mongo, mongo db',
    'Redis',
    'Apache Cassandra: cassandra',
    'Amazon DynamoDB: dynamodb, dynamo db',
    'Elasticsearch: elastic search',
    'Neo4j',
    'MariaDB',
    'IBM Db2: db2, ibm db2',
    'Sybase',
    'Teradata',
    'Snowflake: ?snowflake',
    'Google BigQuery: bigquery',
    'Amazon Redshift: redshift',
    'Microsoft Access: ms access, ms-access, ?access',
    'FileMaker',
    'Apache HBase: hbase',
    'CouchDB',
    'Couchbase',
    'Firebase',
    'NoSQL: no sql',
    'RDBMS: relational databases, relational database, relational database management systems',
    'Apache Hive: ?hive, hiveql',
    'Informix',
    'Memcached',
    'Microsoft SQL Server Integration Services: ssis',
    'Microsoft SQL Server Reporting Services: ssrs',
    'Microsoft SQL Server Analysis Services: ssas',
  ],
  'cloud-platform': [
    'AWS: amazon web services, amazon aws',
    'Microsoft Azure: azure, ms azure, windows azure',
    'Google Cloud Platform: gcp, google cloud',
    'Amazon EC2: ec2',
    'Amazon S3: s3',
    'AWS Lambda: ?lambda',
    'Heroku',
    'DigitalOcean: digital ocean',
    'IBM Cloud',
    'Oracle Cloud',
    'OpenStack',
    'Cloud computing: cloud',
  ],
  'developer-tool': [
    'Git',
    'GitHub',
    'GitLab',
    'Bitbucket',
    'Subversion: svn, apache subversion, tortoisesvn',
    'CVS: concurrent versions system',
    'Mercurial',
    'Perforce',
    'ClearCase: rational clearcase',
    'Visual SourceSafe: vss, visual source safe, microsoft visual sourcesafe, microsoft visual source safe',
    'Team Foundation Server: tfs',
    'Docker',
    'Kubernetes: k8s, kube',
    'OpenShift: red hat openshift',
    'Helm',
    'Terraform',
    'Ansible',
    'Chef',
    'Puppet',
    'SaltStack: salt',
    'Vagrant',
    'Jenkins: jenkins ci',
    'Travis CI',
    'CircleCI',
    'GitHub Actions',
    'GitLab CI',
    'TeamCity',
    'Bamboo',
    'Azure DevOps',
    'CI/CD: ci cd, cicd, ci / cd, continuous integration, continuous delivery, continuous deployment',
    'Maven: apache maven',
    'Gradle',
    'Apache Ant: ?ant',
    'npm',
    'Yarn',
    'Webpack',
    'Babel',
    'Gulp',
    'Grunt',
    'CMake',
    'Jira: atlassian jira',
    'Confluence: atlassian confluence',
    'Trello',
    'Bugzilla',
    'Redmine',
    'Postman',
    'Swagger: openapi',
    'SoapUI: soap ui',
    'Apache JMeter: jmeter',
    'LoadRunner',
    'QTP: quicktest professional, hp qtp, uft, unified functional testing',
    'HP ALM: quality center, hp quality center, alm',
    'Selenium: selenium webdriver',
    'JUnit',
    'TestNG',
    'Mockito',
    'Cucumber',
    'Jest',
    'Mocha',
    'Jasmine',
    'Cypress',
    'Playwright',
    'Eclipse: eclipse ide',
    'IntelliJ IDEA: intellij',
    'NetBeans',
    'Visual Studio: ms visual studio, microsoft visual studio, vs.net, visual studio .net',
    'Visual Studio Code: vs code, vscode',
    'Xcode',
    'Android Studio',
    'PyCharm',
    'Vim',
    'Emacs',
    'Toad: toad for oracle',
    'Oracle SQL Developer: sql developer',
    'Nagios',
    'Splunk',
    'Grafana',
    'Prometheus',
    'Kibana',
    'ELK Stack: elk',
    'Datadog',
    'New Relic',
    'SonarQube: sonar',
    'Nginx',
    'Apache HTTP Server: apache, apache web server, apache httpd, httpd, apache server',
    'Apache Tomcat: tomcat',
    'JBoss: wildfly, jboss eap',
    'WebLogic: oracle weblogic, web logic, bea weblogic',
    'WebSphere: ibm websphere, websphere application server',
    'IIS: internet information services, microsoft iis, microsoft internet information services',
    'VMware: vmware workstation, vsphere, vmware vsphere, esxi',
    'VirtualBox',
    'Hyper-V',
    'Rational Rose: ibm rational rose',
    'Rational ClearQuest: clearquest',
    'Jupyter: jupyter notebook, jupyter notebooks',
    'RabbitMQ',
    'Apache Kafka: kafka',
    'Apache Airflow: airflow',
    'Apache ActiveMQ: activemq',
    'IBM MQ: websphere mq, mqseries, mq series, ibm websphere mq, ?mq',
    'TIBCO: tibco ems, tibco rendezvous',
    'StarTeam: borland starteam',
    'PVCS: serena pvcs',
    'LAMP stack: ?LAMP, lamp stack',
  ],
  'operating-system': [
    'Linux: gnu/linux',
    'Unix',
    'Microsoft Windows: ?windows, ?vista, ms windows, windows xp, windows 7, windows 8, windows 10, windows 11, windows vista, windows nt, windows 2000, windows 98, windows 95',
    'Windows Server: windows server 2003, windows server 2008, windows server 2012, windows server 2016, windows server 2019',
    'macOS: mac os, mac os x, os x, osx, mac osx',
    'iOS',
    'Android',
    'Ubuntu',
    'Red Hat Enterprise Linux: rhel, red hat linux, redhat, red hat',
    'CentOS',
    'Debian',
    'Fedora',
    'Solaris: sun solaris, oracle solaris',
    'AIX: ibm aix',
    'HP-UX',
    'MS-DOS: dos, msdos, ms dos',
    'Windows CE: wince, win ce, windows embedded compact',
    'VxWorks',
    'RTOS: real time operating systems, real-time operating system',
    'z/OS: zos, mvs',
  ],
  'networking-security': [
    'TCP/IP: tcp ip, tcp',
    'UDP',
    'HTTP: https',
    'DNS',
    'DHCP',
    'LAN: local area network',
    'WAN: wide area network, lan/wan',
    'VPN: virtual private network',
    'Firewalls: firewall',
    'Routing and switching: routers and switches, routing, switching',
    'Cisco IOS',
    'CCNA',
    'BGP',
    'OSPF',
    'VLAN: vlans',
    'Active Directory: microsoft active directory, ms active directory',
    'LDAP',
    'Network security',
    'Cybersecurity: cyber security, information security, infosec, it security',
    'Penetration testing: pen testing, pentesting',
    'Wireshark',
    'SSL/TLS: ssl, tls',
    'OAuth: oauth2, oauth 2.0',
    'SAML',
    'Kerberos',
    'SNMP',
    'FTP',
    'SMTP',
    'VoIP',
  ],
  'data-ml': [
    'Machine learning: ml',
    'Deep learning',
    'Artificial intelligence: ai',
    'Natural language processing: nlp',
    'Computer vision',
    'Data science',
    'Data analysis: data analytics, analytics',
    'Data mining',
    'Data visualization: data visualisation, dataviz',
    'Big data',
    'Apache Spark: ?spark, pyspark, spark sql',
    'Apache Hadoop: hadoop, hdfs, mapreduce, map reduce',
    'Apache Pig: ?pig',
    'Tableau',
    'Power BI: powerbi, microsoft power bi, ms power bi',
    'Looker',
    'Qlik: qlikview, qlik sense, qliksense',
    'SAS',
    'SPSS: ibm spss, ibm spss statistics',
    'Stata',
    'Alteryx',
    'Statistical analysis: statistical modeling, statistical modelling',
    'ETL: extract transform load',
    'Data warehousing: data warehouse, data warehouses, dwh',
    'Informatica: informatica powercenter',
    'Crystal Reports: crystalreports',
    'Business intelligence: bi',
    'Large language models: llm, llms',
    'Generative AI: genai, gen ai',
    'Databricks',
    'Minitab',
    'Mathematica: wolfram mathematica',
    'Simulink',
    'Financial modeling: financial modelling, excel modeling',
  ],
  software: [
    'Microsoft Office: ms office, office 365, microsoft office suite, ms office suite, microsoft 365, o365, ms-office',
    'Microsoft Excel: ?excel, ms excel, ms-excel, excel spreadsheets',
    'Microsoft Word: ?word, ms word, ms-word',
    'Microsoft PowerPoint: powerpoint, ms powerpoint, power point, ms power point',
    'Microsoft Outlook: ?outlook, ms outlook',
    'Microsoft Project: ms project',
    'Microsoft Visio: visio, ms visio',
    'Microsoft Teams: ms teams',
    'SharePoint: ms sharepoint, microsoft sharepoint',
    'Microsoft Publisher: ?publisher, ms publisher',
    'Microsoft Dynamics: dynamics crm, microsoft dynamics crm, dynamics 365',
    'Google Workspace: g suite, gsuite, google apps',
    'Google Docs',
    'Google Sheets',
    'Google Analytics',
    'Google Ads: google adwords, adwords',
    'Adobe Photoshop: photoshop',
    'Adobe Illustrator: ?illustrator',
    'Adobe InDesign: indesign',
    'Adobe Acrobat: acrobat, adobe acrobat pro',
    'Adobe Premiere Pro: premiere pro, adobe premiere, ?premiere, adobe premier',
    'Adobe After Effects: after effects',
    'Adobe Dreamweaver: dreamweaver, macromedia dreamweaver',
    'Adobe Flash: ?flash, macromedia flash, flash actionscript',
    'Adobe XD',
    'Adobe Creative Suite: adobe suite, creative suite, adobe creative cloud, adobe cc, creative cloud',
    'Adobe Lightroom: lightroom',
    'Adobe Fireworks: ?fireworks, macromedia fireworks',
    'Adobe PageMaker: pagemaker',
    'Figma',
    'Sketch: ?sketch',
    'InVision',
    'Canva',
    'AutoCAD: autodesk autocad, auto cad',
    'SolidWorks: solid works, dassault systemes solidworks',
    'Autodesk Revit: revit',
    'SketchUp: sketch up',
    'CATIA',
    'MicroStation',
    'ArcGIS: esri arcgis',
    'QuickBooks: intuit quickbooks, quick books',
    'SAP: sap erp',
    'Oracle PeopleSoft: peoplesoft',
    'Workday',
    'Salesforce: sfdc, salesforce.com, salesforce crm',
    'HubSpot',
    'Zendesk',
    'ServiceNow',
    'Slack',
    'Zoom',
    'Skype',
    'Lotus Notes: ibm lotus notes',
    'Camtasia',
    'Final Cut Pro: final cut',
    'Avid Media Composer',
    'Pro Tools',
    'Blender',
    'Autodesk Maya: ?maya',
    'Autodesk 3ds Max: 3ds max, 3d studio max',
    'Unity: unity3d, unity 3d',
    'Unreal Engine',
    'WordPress: word press',
    'Drupal',
    'Joomla',
    'Magento',
    'Shopify',
    'Mailchimp',
    'Hootsuite',
    'Marketo',
    'Xero',
    'Sage Accounting: sage 50, peachtree, sage peachtree',
    'Tally: tally erp',
    'ADP',
    'SAP Concur: concur',
    'LexisNexis: lexis nexis, lexis',
    'Westlaw',
    'Blackboard',
    'Moodle',
    'SMART Board: smartboard, smart boards, smartboards',
    'Articulate Storyline: articulate, storyline',
    'Adobe Captivate: captivate',
    'LabVIEW: lab view',
    'ANSYS',
    'Abaqus',
    'COMSOL',
    'OrCAD',
    'Altium Designer: altium',
    'Xilinx Vivado: vivado, xilinx',
    'Epic Systems: epic emr, epic ehr',
    'Cerner',
  ],
  technology: [
    'Web development: web dev, website development, web application development, web applications development',
    'Front-end development: front end, frontend, front end development, front-end',
    'Back-end development: back end, backend, back end development',
    'Full-stack development: full stack, fullstack, full stack development',
    'Mobile development: mobile app development, mobile application development, mobile apps',
    'iOS development',
    'Android development',
    'Software development: software development, application development, app development',
    'Programming: coding, computer programming',
    'Software engineering',
    'Embedded systems: embedded, embedded software, embedded programming',
    'Virtualization',
    'Computer networking: networking, computer networks, computer network, networks',
    'Blockchain',
    'Internet of things: iot',
    'Web design: website design',
    'UI design: user interface design, ui',
    'UX design: user experience, ux, user experience design, ui/ux, ux/ui',
    'E-commerce: ecommerce, e commerce, e-business, online commerce',
    'Search engine optimization: seo, search engine optimisation',
    'Search engine marketing: sem',
    'Content management systems: cms, content management system',
    'Web services: webservices, web service',
    'REST APIs: rest, restful, rest api, restful api, restful apis, restful services, restful web services, rest services',
    'SOAP: soap web services, soap api',
    'Microservices: microservice, micro services, microservices architecture',
    'API development: apis, api, api design, api integration',
    'Database design: database modeling, data modeling, data modelling',
    'Database administration: dba, database management',
    'System administration: sysadmin, systems administration, system admin, linux administration',
    'Network administration: network management',
    'Technical support: tech support, it support, help desk, helpdesk, desktop support',
    'Troubleshooting',
    'Computer hardware: hardware, pc hardware, ?PC',
    'Operating systems',
    '3D modeling: 3d modelling, 3d',
    'CAD: computer aided design, computer-aided design',
    'PLC programming: plc, plcs, programmable logic controllers',
    'SCADA',
    'Robotics',
    'Digital signal processing: dsp, signal processing',
    'Image processing',
    'GIS: geographic information systems, geographic information system',
    'Word processing',
    'Spreadsheets',
    'Typing: touch typing',
    'Cloud infrastructure',
    'Firmware',
    'Device drivers',
    'Distributed systems',
    'Multithreading: multi-threading, concurrency',
    'Performance tuning: performance optimization',
    'Web scraping',
    'Responsive web design: responsive design',
    'Debugging: software debugging, debug',
    'System design: systems design',
    'Systems analysis: system analysis',
    'Information systems: information system, management information systems, mis',
    'Network infrastructure',
    'Network protocols: networking protocols',
    'Web content management: web content',
    'Scripting: scripting languages, scripting language',
    'Internet research: ?internet',
    'Web 2.0',
    'Electronic health records: ehr, emr, electronic medical records',
  ],
  methodology: [
    'Agile: agile methodology, agile methodologies, agile development, agile software development, agile scrum',
    'Scrum',
    'Kanban',
    'Waterfall: waterfall model, waterfall methodology, ?waterfall',
    'Lean: lean manufacturing, lean management',
    'Six Sigma: lean six sigma, 6 sigma, six sigma green belt, six sigma black belt',
    'SDLC: software development life cycle, software development lifecycle, systems development life cycle',
    'Test-driven development: tdd, test driven development',
    'Behavior-driven development: bdd',
    'DevOps: dev ops',
    'Object-oriented programming: oop, oops, object oriented programming, object oriented, object-oriented design, object oriented design, ood',
    'OOAD: object oriented analysis and design, object-oriented analysis and design',
    'Design patterns',
    'Use cases: use case, use case diagrams, use case modeling',
    'MVC: model view controller, model-view-controller',
    'UML: unified modeling language',
    'SOA: service oriented architecture, service-oriented architecture',
    'ITIL',
    'PRINCE2',
    'Kaizen',
    'Total quality management: tqm',
    'Extreme programming',
    'Pair programming',
    'Code review: code reviews',
    'Unit testing: unit tests',
    'Regression testing',
    'Functional testing',
    'Integration testing',
    'Performance testing: load testing, stress testing',
    'Manual testing',
    'Test automation: automation testing, automated testing',
    'Software testing: ?testing, qa testing, software qa',
    'Quality assurance: qa, software quality assurance',
    'Quality control: qc',
    'Data structures',
    'Algorithms',
    'Functional programming',
    'Requirements analysis: requirement analysis, requirements gathering, requirement gathering, requirements engineering',
    'Business process modeling: bpmn, business process modelling',
    'Root cause analysis: rca',
    'Continuous improvement',
    'User acceptance testing: uat',
    'Test planning: test plans, test plan, test cases, test case design',
    'Defect tracking: bug tracking',
    'Version control: source control, version control systems',
  ],
  knowledge: [
    'Corporate law: company law, business law, commercial law',
    'Contract law',
    'Criminal law',
    'Family law',
    'Immigration law: ?immigration',
    'Employment law: labor law, labour law',
    'Intellectual property: ip law, intellectual property law',
    'Tax law',
  ],
  'soft-skill': [
    'Communication: communication skills, communications, verbal communication, written communication, oral communication',
    'Leadership: leadership skills, team leadership',
    'Teamwork: team work, team player, collaboration, team collaboration',
    'Problem solving: problem-solving, problem solving skills, problem resolution',
    'Critical thinking',
    'Time management: time management skills',
    'Organizational skills: organisational skills, organization skills, organisation skills, organizational',
    'Attention to detail: detail oriented, detail-oriented',
    'Interpersonal skills: interpersonal, people skills',
    'Multitasking: multi-tasking, multi tasking',
    'Adaptability: flexibility',
    'Creativity',
    'Decision making: decision-making',
    'Negotiation: negotiation skills, negotiating',
    'Presentation skills: presentations, presenting',
    'Public speaking',
    'Conflict resolution: conflict management',
    'Work ethic',
    'Self-motivation: self motivated, self-motivated',
    'Analytical skills: analytical thinking, analytical',
    'Emotional intelligence',
    'Mentoring: mentorship',
    'Coaching',
    'Active listening',
    'Relationship building: relationship management',
    'Stress management',
    'Team building',
  ],
  'professional-skill': [
    'Project management: project planning, managing projects',
    'Program management: programme management',
    'Product management',
    'Stakeholder management: stakeholder engagement',
    'Change management',
    'Risk management',
    'Operations management',
    'Strategic planning: strategy planning, strategy development, business strategy',
    'Business development',
    'Business analysis',
    'Sales: selling',
    'Sales management',
    'Marketing',
    'Digital marketing: online marketing, internet marketing, web marketing',
    'Social media marketing: social media, social media management, social media strategy',
    'Content writing: content creation, content development',
    'Copywriting',
    'Technical writing: technical documentation',
    'Editing',
    'Proofreading',
    'Market research: market analysis',
    'Competitive analysis: competitor analysis, competitive intelligence',
    'Financial analysis',
    'Financial reporting',
    'Budgeting: budget management, budgets, budget planning, budget',
    'Forecasting',
    'Accounting',
    'Bookkeeping: book keeping',
    'Payroll',
    'Accounts payable',
    'Accounts receivable',
    'Auditing: audit, audits',
    'Tax preparation: taxation',
    'Procurement: purchasing',
    'Supply chain management: supply chain, scm',
    'Inventory management: inventory control',
    'Logistics',
    'Vendor management: supplier management',
    'Contract management',
    'Contract negotiation: contract negotiations',
    'Event planning: event management, event coordination, meeting and event planning',
    'Meeting coordination: meeting planning',
    'Administrative support: administrative assistance, office administration, clerical, administration',
    'Data entry',
    'Scheduling: calendar management, diary management, appointment scheduling',
    'Record keeping: records management, recordkeeping',
    'Customer service: customer care, customer support, client service, client services',
    'Customer relationship management: crm',
    'Account management: key account management, client management',
    'Recruiting: recruitment, talent acquisition',
    'Human resources: hr, human resource management, hrm',
    'Employee relations',
    'Training and development: staff training, training',
    'Onboarding',
    'Performance management',
    'Lead generation',
    'Cold calling',
    'Public relations: pr',
    'Advertising',
    'Branding: brand management',
    'Graphic design',
    'Photography',
    'Video editing',
    'Video production',
    'Consulting',
    'Research',
    'Teaching',
    'Lesson planning: lesson plans',
    'Curriculum development: curriculum design',
    'Classroom management',
    'Tutoring',
    'Patient care',
    'Legal research',
    'Litigation',
    'Regulatory compliance: compliance',
    'Quality management',
    'Process improvement: business process improvement',
    'Team management: people management, staff management, personnel management',
    'Management',
    'Retail sales: retail',
    'Merchandising: visual merchandising',
    'Cash handling',
    'Point of sale: pos',
    'Food safety',
    'First aid',
    'CPR',
    'Project coordination',
    'Fundraising',
    'Grant writing',
    'Translation',
    'Interpreting',
    'Cost analysis: cost-benefit analysis, cost benefit analysis',
    'Profit and loss management: p&l management, p&l',
    'Strategic management',
    'Business planning',
    'Customer retention',
    'Client relations: client relationship, client relationships, client interaction',
    'Report writing: reporting',
    'Documentation',
    'Presentation design',
    'Design: ?design',
    'Marketing strategy: marketing strategies, marketing plans, marketing planning',
    'Content marketing',
    'Email marketing',
    'Affiliate marketing',
    'Influencer marketing',
    'Marketing analytics',
    'Product marketing',
    'Direct marketing',
    'Telemarketing',
    'Campaign management: marketing campaigns',
    'Brand development: brand strategy',
    'Market segmentation',
    'Community management: online community management',
    'Blogging',
    'Content strategy',
    'Sales training',
    'Sales leadership',
    'B2B sales: business to business sales',
    'Upselling: up-selling, up selling, cross-selling',
    'Channel management: channel development, channel sales',
    'Distribution management',
    'Business acumen',
    'Product development: new product development',
    'Professional development: continuing professional development, cpd',
    'Career development: career counseling, career counselling, career guidance, career development guidance',
    'Counseling: counselling',
    'Case management',
    'Social work',
    'Life skills',
    'Physical education',
    'Special education',
    'Early childhood education',
    'Behavior management: behaviour management, behavioral management, behavioural management',
    'Student assessment',
    'Arbitration',
    'Mediation',
    'Alternative dispute resolution: adr, dispute resolution',
    'Civil litigation',
    'Legal advice',
    'Legal writing: legal drafting',
    'Drafting: ?drafting',
    'Due diligence',
    'Financial planning',
    'Financial management',
    'Investment management',
    'Portfolio management',
    'Risk assessment',
    'Credit analysis',
    'Banking',
    'Insurance',
    'Underwriting',
    'Cash flow management: cash flow',
    'Cost accounting',
    'General ledger: gl',
    'Reconciliation: account reconciliation, bank reconciliation, reconciliations',
    'Invoicing: billing',
    'Financial statements',
    'GAAP',
    'IFRS',
    'Key performance indicators: kpi, kpis',
    'Compensation and benefits: benefits administration',
    'Patient assessment',
    'Medication administration',
    'Vital signs',
    'Phlebotomy',
    'Infection control',
    'Medical terminology',
    'HIPAA',
    'Basic life support: bls',
    'ACLS: advanced cardiac life support',
    'Wound care',
    'Nursing',
    'Food preparation',
    'Food service',
    'Journalism',
    'Photo editing: image editing, photo retouching',
    'Digital photography',
    'Audio editing',
    'Broadcasting',
    'Construction management',
    'Site supervision',
    'Cost estimation: cost estimating, estimating',
    'Blueprint reading: blueprints',
    'HVAC',
    'Welding',
    'Preventive maintenance: preventative maintenance',
    'Occupational health and safety: health and safety, osha, ehs',
    'Manufacturing',
  ],
};

/**
 * Surfaces that only count with context even though they are long and rare in English prose: tool names
 * that are also ordinary words, names, or job titles. (Short ≤2-char and common-word surfaces are flagged
 * automatically; see isAmbiguous.)
 */
const AMBIGUOUS_WORDS = new Set(
  wordList(`access ant apex bamboo basic bootstrap box canvas chef compass crystal cypress dart docs drive
  electron elixir ember epic excel express fireworks flash flask flux forms gatsby grunt gulp harbor helm hive
  hugo ionic jasmine jest julia karma keep lambda lean less make maya mercury meteor mocha nest next
  nexus notion octopus outlook packer pig playwright polymer postman premiere presto prism project
  publisher puppet rancher redux ruby rust sage salt sass scheme shell sketch slack sonar spark spring storm
  swagger swift tally teams tomcat unity vault word workday yarn zoom alloy pony red self processing
  factor turing cents blink diameter snowflake consul nomad vagrant airflow celery pyramid tornado twisted
  bottle falcon koa druid impala zeppelin envoy argo spinnaker quay cvs san plc assembly lex max`),
);

/** Short surfaces (≤2 chars) that are distinctive enough to count anywhere. */
const SHORT_UNAMBIGUOUS = new Set(['js', 'ai', 'ui', 'ux', 'qa', '3d', 'c#', 'f#', 'r&d']);

/** Surfaces that stay unambiguous even if the prose corpus happens to use them as words. */
const NEVER_AMBIGUOUS = new Set(['python', 'java', 'docker', 'git', 'kubernetes', 'linux', 'javascript', 'react']);

/**
 * Vendors whose name prefixes O*NET tool names ("Oracle Java", "Google Angular", "Microsoft Excel").
 * The remainder becomes an alias (and merges into an existing skill of that name).
 */
const VENDORS = `
  Amazon Web Services, Microsoft, Oracle, Google, Apple, Adobe, IBM, Apache, Amazon, Atlassian, Autodesk,
  SAP, Cisco Systems, Cisco, Red Hat, The MathWorks, Dassault Systemes, Trimble, Bentley, Intuit,
  Salesforce, JetBrains, HashiCorp, Eclipse, Hewlett Packard, Hewlett-Packard, HP, VMware, Citrix,
  Symantec, Corel, Sun Microsystems, Micro Focus, ESRI, Siemens, National Instruments, Unity Technologies,
  Facebook, Meta, Infor, Blackbaud, Kronos, Wolters Kluwer, Thomson Reuters, Avid Technology, Quest,
  Embarcadero, Borland, Novell, Rockwell Automation, Wind River Systems, Wind River, Mozilla, Zoho,
  Juniper Networks, Epic Systems, Informatica, Teradata, Tableau, Qlik Tech, Qlik, SAS Institute,
  Intergraph, Hexagon, PTC, Altair`
  .split(',')
  .map((v) => v.trim());
const VENDOR_KEYS = VENDORS.map((v) => `${phraseKey(v)} `);

/** Trailing edition words stripped to form an alias ("Splunk Enterprise" → "Splunk"). */
const EDITION_WORDS = new Set(['enterprise', 'professional', 'pro', 'standard', 'suite', 'edition', 'software']);

/**
 * github/explore topics that are not skills: games and events (by a related topic), and meta tags, places,
 * companies and generic words (by name).
 */
const GITHUB_EXCLUDED_RELATED = new Set(
  wordList(`
  video-games video-game game games minecraft hackathon university riot-games role-playing-game nintendo`),
);
const GITHUB_EXCLUDED_TOPICS = new Set(
  wordList(`
  awesome-lists blazing-fast cheat-sheet community-driven no-ai example demo hacktoberfest bootcamp
  interview learning learning-by-doing for-the-love-of-code portfolio project project-demo tutorial
  template website queer transgender christianity anime covid-19 nashville netflix sports support tool
  software code data dataset image video web app client server desktop mobile framework library extension
  generator script font emoji dark-mode open-source publishing education finance art matrix medium source
  microsoft google apple nvidia mozilla nasa riot-games binance`),
);

/** Words that end organisation names or are surnames: never job-title heads even if O*NET uses them. */
const NON_TITLE_HEADS = new Set(
  wordList(`man hand person server monitor model layer guide master host mate player printer boss chief
  provider folder liner buffer tier charger hunter miller porter mason turner carver hooker stripper former
  reader runner carrier keeper feeder finisher roller marker filler sander sorter washer winder puller
  tender setter cutter grinder mixer loader packer picker spinner weaver dyer fisher sawyer cooper walker
  parker carter butler fowler taylor group company services solutions systems bank partners associates
  international labs studio studios center centre university college school hospital agency network
  foundation institute corporation industries enterprises holdings ventures media design engineering
  consulting technologies computers software capital health care communications club union government
  department ministry office council board committee team crew staff unit division firm
  press store shop house market girl hop off out right intelligence counter police killer boiler header
  drawer holder pointer router starter sticker stapler connector conditioner separator heater steamer
  stretcher scraper shaker tracer wheeler topper tipper wiper anchor compiler processor receiver regulator
  transporter forwarder distributor integrator dealer merchant cooker drier sizer sewer blender binder
  chopper clipper crusher matcher passer duplicator dispenser extractor classifier locator`),
);

/** Title heads every resume uses that O*NET's frequency cut might miss. */
const EXTRA_TITLE_HEADS = wordList(`
  intern internship apprenticeship student lead member chair freelance trainee volunteer freelancer founder
  cofounder owner partner president ceo cto cfo coo cio ciso vp advertiser lecturer fellow postdoc
  researcher scientist head`);

// ---------------------------------------------------------------------------------------------------------
// File readers
// ---------------------------------------------------------------------------------------------------------

function readTsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').replace(/\r/g, '').split('\n');
  const columns = (header ?? '').split('\t');
  return lines
    .filter((line) => line.length > 0)
    .map((line) => {
      const cells = line.split('\t');
      return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
    });
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
function readCsv(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field.length > 0 || row.length > 0) rows.push([...row, field]);
  const [columns = [], ...data] = rows;
  return data
    .filter((r) => r.length > 1)
    .map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? ''])));
}

// ---------------------------------------------------------------------------------------------------------
// Common English words, learnt from the sources' own prose: a single-word surface that the O*NET task
// statements or the ESCO descriptions use as an ordinary lower-case word ("make", "access", "spring") is
// ambiguous as a skill. Job-title head words ("chef", "illustrator") count as common too.
// ---------------------------------------------------------------------------------------------------------

function commonWords(dir: string, titleHeadWords: Iterable<string>): Set<string> {
  const counts = new Map<string, number>();
  const count = (text: string): void => {
    for (const m of text.matchAll(/(?<![\p{L}\p{N}])[a-z]+(?![\p{L}\p{N}])/gu)) {
      counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
    }
  };
  for (const r of readTsv(join(dir, 'onet/task-statements.tsv'))) count(r.Task ?? '');
  for (const r of readTsv(join(dir, 'onet/occupation-data.tsv'))) count(r.Description ?? '');
  for (const r of readCsv(join(dir, 'esco-1.1.1/skills_en.csv'))) count(r.description ?? '');
  for (const r of readCsv(join(dir, 'esco-1.1.1/occupations_en.csv'))) count(r.description ?? '');
  const common = new Set<string>();
  const seen = (w: string): number => counts.get(w) ?? 0;
  for (const w of counts.keys()) {
    // "chef" is common because "chefs" is.
    if (seen(w) >= 3) common.add(w);
    if (w.endsWith('s') && !w.endsWith('ss') && seen(w) + seen(w.slice(0, -1)) >= 3) common.add(w.slice(0, -1));
  }
  for (const w of titleHeadWords) common.add(w);
  for (const w of COMMON_ENGLISH) common.add(w);
  return common;
}

/**
 * Everyday English words the formal O*NET/ESCO prose rarely uses in lower case but resumes do ("just",
 * "did", "set"). Together with the corpus counts they decide which one-word surfaces are common words.
 */
const COMMON_ENGLISH = wordList(`a about above across act add after again against age ago agree air all also always am
  among an and another answer any apple are area arm around art as ask at away back bad ball bank base be
  bear beat beautiful because become bed been before began begin behind being below best better between big
  bill bird black blood blue board boat body book born both bottom box boy break bring brother brown build
  built business busy but buy by call came can car card care carry case cat catch cause center certain
  chair change check child children city class clean clear close cold color come common complete contain
  control cook cool copy corner could count country course cover cross cry cup current cut dark day dead
  deal dear deep did die different direct do doctor does dog done door double down draw dream dress drink
  drive drop dry during each early earth east easy eat edge egg end enough even ever every eye face fact
  fair fall family far farm fast father fear feel feet few field fight fill final find fine fire first fish
  fit five floor fly follow food foot for force form forward four free friend from front full fun game gave
  get girl give glass go gold gone good got great green ground group grow had half hand happen happy hard
  has hat have he head hear heard heart heat heavy held help her here high hill him his hit hold hole home
  hope horse hot hour house how huge hunt idea if in inch interest into iron is island it its job join
  joy just keep key kind king knew know lady lake land large last late laugh law lay lead learn least
  leave left leg less let letter level lie life lift light like line list listen little live long look lost
  lot love low machine made main make man many map mark market master match matter may me mean meet men
  might mile milk mind mine miss modern moment money month moon more morning most mother mountain move much
  music must my name nation near need never new next night nine no north nose not note nothing now number
  object of off offer office often oil old on once one only open or order other our out over own page paint
  pair paper part party pass past pay people perhaps person pick picture piece place plain plan plant play
  please point poor position possible post pound power press pretty print problem pull push put queen
  question quick quiet race radio rain ran reach read ready real record red remember rest rich ride right
  ring rise river road rock roll room round rule run safe said sail same sat save saw say school science
  sea season seat second see seem self sell send sense sent serve set seven several shall shape share she
  ship shoe shop short should show side sign simple since sing sister sit six size skin sky sleep slow
  small smile snow so soft soil some son song soon sound south space speak special speed spell spend spot
  spring square stand star start state station stay step still stone stop store story straight strange
  street strong student study such sugar summer sun sure surface swim system table tail take talk tall
  teach team tell ten term test than thank that the their them then there these they thing think third
  this those though thought three through throw tie time tiny to today together told tone too took top
  total touch toward town track trade train travel tree trip trouble true try turn two type under unit
  until up us use usual valley value very visit voice wait walk wall want war warm was wash watch water
  wave way we wear weather week weight well went were west what wheel when where which while white who
  whole why wide wife wild will win wind window wing winter wish with without woman wonder wood word work
  world would write wrong yard year yes yet you young your scratch source zip presenter`);

// ---------------------------------------------------------------------------------------------------------
// Skill registry: drafts claim surfaces; the first claim on a key wins.
// ---------------------------------------------------------------------------------------------------------

type Origin = 'curated' | 'linguist' | 'onet' | 'github' | 'esco';

interface Draft {
  name: string;
  category: Category;
  origin: Origin;
  hot: boolean;
  /** key → surface as first seen (kept for its case) and whether it was marked ambiguous explicitly. */
  aliases: Map<string, { surface: string; ambiguous: boolean }>;
}

class Registry {
  readonly drafts: Draft[] = [];
  private readonly owner = new Map<string, Draft>();

  ownerOf(surface: string): Draft | undefined {
    return this.owner.get(phraseKey(surface));
  }

  /** Tech skills never take ESCO labels; general ones (curated soft/professional skills, ESCO) may. */
  isTech(draft: Draft): boolean {
    if (draft.origin === 'esco') return false;
    return draft.origin !== 'curated' || !GENERAL_CATEGORIES.has(draft.category);
  }

  create(name: string, category: Category, origin: Origin): Draft | undefined {
    const key = phraseKey(name);
    if (key === '' || this.owner.has(key)) return undefined;
    const draft: Draft = { name, category, origin, hot: false, aliases: new Map() };
    this.drafts.push(draft);
    this.alias(draft, name);
    return draft;
  }

  /**
   * Adds `surface` to `draft` unless a skill already has it (the first claim, and its flag, wins).
   * "?Surface" marks it ambiguous.
   */
  alias(draft: Draft, surface: string): void {
    const ambiguous = surface.startsWith('?');
    const text = (ambiguous ? surface.slice(1) : surface).trim();
    const key = phraseKey(text);
    if (key === '' || key.length > 80) return;
    const current = this.owner.get(key);
    if (current !== undefined && current !== draft) return;
    this.owner.set(key, draft);
    if (!draft.aliases.has(key)) draft.aliases.set(key, { surface: text, ambiguous });
  }
}

/**
 * A one-word name that is an everyday word ("Red", "Blink", "Matrix") or one or two letters ("Io", "J")
 * would mostly match noise; a tool source only adds such a skill when an earlier source already knows it.
 */
function needsVoucher(name: string, common: ReadonlySet<string>): boolean {
  const key = phraseKey(name);
  if (tokenize(key).length !== 1) return false;
  return key.length <= 2 || common.has(key) || AMBIGUOUS_WORDS.has(key);
}

// ---------------------------------------------------------------------------------------------------------
// Source loaders
// ---------------------------------------------------------------------------------------------------------

function addCurated(registry: Registry): void {
  for (const [category, lines] of Object.entries(CURATED) as [Category, readonly string[]][]) {
    for (const line of lines) {
      const colon = line.indexOf(': ');
      const name = colon < 0 ? line : line.slice(0, colon);
      const aliases = colon < 0 ? [] : line.slice(colon + 2).split(',');
      const draft = registry.create(name, category, 'curated');
      if (draft === undefined) throw new Error(`curated skill "${name}" is declared twice`);
      for (const alias of aliases) registry.alias(draft, alias.trim());
    }
  }
}

const LINGUIST_DATA_LANGUAGES = new Set([
  'JSON',
  'YAML',
  'XML',
  'TOML',
  'GraphQL',
  'SQL',
  'SPARQL',
  'Protocol Buffer',
  'PlantUML',
  'Markdown',
  'reStructuredText',
  'AsciiDoc',
]);

/** linguist aliases that are file names or everyday words rather than names people write ("inc" → PHP). */
const LINGUIST_ALIAS_STOPLIST = new Set(['inc', 'rake', 'cake', 'cakescript', 'envrc', 'rusthon', 'man', 'node', 'make', 'flex']);

interface LinguistLanguage {
  readonly name: string;
  readonly type: string;
  readonly aliases?: readonly string[];
}

function addLinguist(registry: Registry, common: ReadonlySet<string>): Draft[] {
  const added: Draft[] = [];
  const languages = (Object.values(linguist) as LinguistLanguage[])
    .filter((l) => l.type === 'programming' || l.type === 'markup' || LINGUIST_DATA_LANGUAGES.has(l.name))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  for (const language of languages) {
    const category: Category = language.type === 'programming' ? 'programming-language' : 'markup-format';
    const existing = registry.ownerOf(language.name);
    const draft =
      existing ?? (needsVoucher(language.name, common) ? undefined : registry.create(language.name, category, 'linguist'));
    if (draft === undefined) continue;
    added.push(draft);
    for (const alias of language.aliases ?? []) {
      const aliasKey = phraseKey(alias);
      if (aliasKey.length <= 2 || common.has(aliasKey) || LINGUIST_ALIAS_STOPLIST.has(aliasKey)) continue;
      registry.alias(draft, alias);
    }
  }
  return added;
}

interface OnetTool {
  name: string;
  aliases: string[];
  category: Category;
  hot: boolean;
}

/** "Amazon Web Services AWS software" → name "AWS", aliases "Amazon Web Services" … (see the rules). */
function cleanOnetName(example: string): { name: string; aliases: string[]; generic: boolean } {
  const aliases: string[] = [];
  let name = example.trim().replace(/\s+/g, ' ');
  // A parenthesised acronym: "Microsoft Internet Information Services (IIS)".
  const paren = /^(.*\S)\s*\(([^)]+)\)$/.exec(name);
  if (paren !== null) {
    name = paren[1]!;
    if (!/\s/.test(paren[2]!)) aliases.push(paren[2]!);
  }
  // "Facility database software", "Billing software": descriptions of a kind of tool, not tools.
  const descriptive = /^[A-Z][a-z-]*( [a-z][a-z-]*)+$/.test(name);
  name = name.replace(/ software$/i, '');
  const words = name.split(' ');
  const last = words[words.length - 1]!;
  let acronymCanonical = false;
  const isAcronym = /^[A-Z][A-Z0-9/&.+-]*[A-Z0-9]$/.test(last) && /[A-Z].*[A-Z]/.test(last) && !/^[IVX]+$/.test(last);
  if (words.length >= 3 && isAcronym) {
    const expansion = words.slice(0, -1);
    for (let start = 0; start < expansion.length; start++) {
      if (!acronymExpands(last, expansion.slice(start))) continue;
      const vendor = expansion.slice(0, start).join(' ');
      // A short acronym ("SAN", "DID") is also a word or a name; it needs context or its capitals.
      aliases.push(last.replace(/[^A-Z]/g, '').length <= 3 ? `?${last}` : last, expansion.slice(start).join(' '));
      if (start === 0 || VENDOR_KEYS.includes(`${phraseKey(vendor)} `)) {
        aliases.push(expansion.join(' '));
        name = vendor === 'Amazon' ? `Amazon ${last}` : last;
        acronymCanonical = true;
      } else {
        name = expansion.join(' ');
      }
      break;
    }
  }
  return { name, aliases, generic: descriptive && !acronymCanonical };
}

/** True when the acronym's letters appear in order in the words, starting at the first word's initial. */
function acronymExpands(acronym: string, words: readonly string[]): boolean {
  const letters = acronym.toLowerCase().replace(/[^a-z]/g, '');
  const text = words.join(' ').toLowerCase();
  if (letters.length === 0 || text[0] !== letters[0]) return false;
  let at = 0;
  for (const ch of letters) {
    at = text.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  // The last letter must not come before the last word.
  return at > text.lastIndexOf(' ');
}

function readOnetTools(dir: string): OnetTool[] {
  const byExample = new Map<string, { categories: Set<Category>; hot: boolean }>();
  for (const r of readTsv(join(dir, 'onet/technology-skills.tsv'))) {
    const example = (r.Example ?? '').trim();
    if (example === '') continue;
    const entry = byExample.get(example) ?? { categories: new Set<Category>(), hot: false };
    entry.categories.add(onetCategory(r['Commodity Title'] ?? ''));
    entry.hot ||= r['Hot Technology'] === 'Y';
    byExample.set(example, entry);
  }
  const tools: OnetTool[] = [];
  for (const example of [...byExample.keys()].sort()) {
    const { categories, hot } = byExample.get(example)!;
    const { name, aliases, generic } = cleanOnetName(example);
    if (generic && !hot) continue;
    const category = CATEGORY_PRECEDENCE.find((c) => categories.has(c)) ?? 'software';
    tools.push({ name, aliases: [example, ...aliases], category, hot });
  }
  return tools;
}

/** The name without its vendor ("Oracle Java" → "Java"), and without an edition word. */
function vendorlessForms(name: string): string[] {
  const forms: string[] = [];
  const key = phraseKey(name);
  const vendor = VENDOR_KEYS.find((v) => key.startsWith(v));
  const words = name.split(' ');
  if (vendor !== undefined) {
    const vendorWords = vendor.trim().split(' ').length;
    const rest = words.slice(vendorWords).join(' ');
    if (rest.length >= 2) {
      forms.push(rest);
      if (vendor === 'microsoft ') forms.push(`MS ${rest}`);
    }
  }
  for (const form of [name, ...forms]) {
    const formWords = form.split(' ');
    if (formWords.length >= 2 && EDITION_WORDS.has(formWords[formWords.length - 1]!.toLowerCase())) {
      forms.push(formWords.slice(0, -1).join(' '));
    }
  }
  return forms;
}

/**
 * "Hypertext preprocessor PHP", "Open Graphics Library OpenGL", "Tool command language Tcl": O*NET spells
 * out a language or library before its name; the name is a curated or linguist skill already.
 */
function knownByLastWord(registry: Registry, name: string): Draft | undefined {
  const words = name.split(' ');
  const last = words[words.length - 1]!;
  if (words.length < 2 || last.length < 3) return undefined;
  const owner = registry.ownerOf(last);
  if (owner === undefined || (owner.origin !== 'curated' && owner.origin !== 'linguist')) return undefined;
  return phraseKey(owner.name) === phraseKey(last) && registry.isTech(owner) ? owner : undefined;
}

function addOnet(registry: Registry, tools: readonly OnetTool[], common: ReadonlySet<string>): void {
  const pending: Array<[Draft, OnetTool]> = [];
  for (const tool of tools) {
    // "Google" alone is a company, not a skill.
    if (VENDOR_KEYS.includes(`${phraseKey(tool.name)} `)) continue;
    const forms = vendorlessForms(tool.name);
    // Merge into an existing skill when the name, or the vendor-less name, is already known.
    // Only through the existing skill's name or a curated spelling: linguist's "flex" (the lexer) must
    // not absorb "Adobe Flex".
    const viaForm = forms
      .map((f) => [f, registry.ownerOf(f)] as const)
      .find(([f, d]) => d !== undefined && registry.isTech(d) && (d.origin === 'curated' || phraseKey(d.name) === phraseKey(f)));
    const existing = registry.ownerOf(tool.name) ?? viaForm?.[1] ?? knownByLastWord(registry, tool.name);
    if (existing === undefined && needsVoucher(tool.name, common)) continue;
    const draft = existing ?? registry.create(tool.name, tool.category, 'onet');
    if (draft === undefined) continue;
    draft.hot ||= tool.hot;
    pending.push([draft, tool]);
  }
  // Aliases after all names, so a tool's alias never takes another tool's name.
  for (const [draft, tool] of pending) {
    registry.alias(draft, tool.name);
    for (const alias of tool.aliases) {
      // "?SET" (from "BAE Systems SOCET SET") is an everyday word even in capitals.
      if (alias.startsWith('?') && common.has(phraseKey(alias.slice(1)))) continue;
      registry.alias(draft, alias);
    }
    for (const form of vendorlessForms(tool.name)) {
      const key = phraseKey(form);
      const oneWord = tokenize(key).length === 1;
      // "Oracle Cloud" must not make "Cloud" a skill; "Eclipse Jersey" may make "Jersey" one, but only in
      // a skills list, since a plain capitalised word may be a place or a name ("New Jersey").
      if (oneWord && (common.has(key) || AMBIGUOUS_WORDS.has(key)) && registry.ownerOf(form) !== draft) continue;
      registry.alias(draft, oneWord && /^[A-Z][a-z]+$/.test(form) ? `?${form}` : form);
    }
  }
}

interface GithubTopic {
  topic: string;
  displayName: string;
  aliases: string[];
  related: string[];
}

const GITHUB_CATEGORY_HINTS: ReadonlyArray<readonly [RegExp, Category]> = [
  [/^(language|programming-language)$|-lang$|-language$/, 'programming-language'],
  [/database|^sql$|nosql|^orm$/, 'database'],
  [/machine-learning|deep-learning|data-science|artificial-intelligence|statistics|data-visualization|nlp|neural/, 'data-ml'],
  [/^(aws|azure|google-cloud-platform|cloud|serverless|cloud-computing)$/, 'cloud-platform'],
  [/devops|continuous-integration|^ci$|containers|docker|kubernetes|infrastructure-as-code|build-tool|text-editor|^ide$|version-control|testing/, 'developer-tool'],
  [/security|cryptography|networking|protocol|authentication/, 'networking-security'],
  [/operating-system|^linux$|posix|^bsd$/, 'operating-system'],
  [/framework|library|^react$|^vue$|^angular$|^javascript$|^python$|^java$|^php$|^ruby$|^nodejs$|^rust$|^go$|^css$/, 'framework-library'],
];

function githubCategory(topic: GithubTopic): Category {
  const hints = [...topic.related, ...topic.aliases];
  for (const [re, category] of GITHUB_CATEGORY_HINTS) if (hints.some((h) => re.test(h))) return category;
  return 'technology';
}

function isExcludedTopic(topic: GithubTopic): boolean {
  if (GITHUB_EXCLUDED_TOPICS.has(topic.topic)) return true;
  if (/disambiguation/i.test(topic.displayName) || /\b(19|20)\d\d\b|universit/i.test(topic.displayName)) return true;
  if (/(^|-)games?$|-game-|^game-jam|-homebrew$|-simulator$|-rpg$|-shooter$/.test(topic.topic)) return true;
  if (topic.aliases.some((a) => /-game$/.test(a))) return true;
  return topic.related.some((r) => GITHUB_EXCLUDED_RELATED.has(r));
}

function addGithub(registry: Registry, topics: readonly GithubTopic[], common: ReadonlySet<string>): void {
  const pending: Array<[Draft, GithubTopic, string[]]> = [];
  for (const topic of [...topics].sort((a, b) => a.topic.localeCompare(b.topic, 'en'))) {
    if (isExcludedTopic(topic)) continue;
    // "Search engine optimization (SEO)" → name without the parenthesis, which becomes an alias.
    const paren = /^(.*\S)\s*\(([^)]+)\)$/.exec(topic.displayName);
    const name = paren === null ? topic.displayName : paren[1]!;
    const extra = paren === null ? [] : [paren[2]!];
    const existing = registry.ownerOf(name) ?? registry.ownerOf(topic.topic);
    if (existing === undefined && needsVoucher(name, common)) continue;
    const draft = existing ?? registry.create(name, githubCategory(topic), 'github');
    if (draft === undefined) continue;
    pending.push([draft, topic, extra]);
  }
  for (const [draft, topic, extra] of pending) {
    for (const alias of [topic.topic, ...extra, ...topic.aliases]) {
      const key = phraseKey(alias);
      // Topic slugs like "ios10" or "bootstrap4" are fine; bare numbers, 1-2 letter slugs and repository
      // kinds ("golang-examples", "machine-learning-library") are not.
      if (key.length <= 2 || /^[\d\s.]+$/.test(key) || (!key.includes(' ') && common.has(key))) continue;
      if (/ (examples?|tutorials?|library|libraries|apps?|api|plugins?|themes?|templates?|projects?|demos?|resources|client|server|bots?|tools?|code|questions|answers|solutions|algorithms|papers)$/.test(key)) continue;
      registry.alias(draft, alias);
    }
  }
}

interface EscoSkill {
  uri: string;
  name: string;
  altLabels: string[];
  category: Category;
}

function readEsco(dir: string): { skills: EscoSkill[]; spokenLanguages: string[] } {
  const base = join(dir, 'esco-1.1.1');
  const languageUris = new Set<string>();
  const spokenLanguages = new Set<string>();
  for (const r of readCsv(join(base, 'languageSkillsCollection_en.csv'))) {
    languageUris.add(r.conceptUri ?? '');
    const label = r.preferredLabel ?? '';
    if (/^[A-Z][\p{L}-]+$/u.test(label)) spokenLanguages.add(label);
  }
  const digitalUris = new Set(readCsv(join(base, 'digitalSkillsCollection_en.csv')).map((r) => r.conceptUri ?? ''));
  const transversalUris = new Set(readCsv(join(base, 'transversalSkillsCollection_en.csv')).map((r) => r.conceptUri ?? ''));
  const skills: EscoSkill[] = [];
  for (const r of readCsv(join(base, 'skills_en.csv'))) {
    const uri = r.conceptUri ?? '';
    if (languageUris.has(uri)) continue;
    const knowledge = r.skillType === 'knowledge';
    const transversal = r.reuseLevel === 'transversal' || transversalUris.has(uri);
    const digital = digitalUris.has(uri);
    // Sector- and occupation-specific competences ("manage musical staff") are too narrow for resumes.
    if (!knowledge && !transversal && !digital && r.reuseLevel !== 'cross-sector') continue;
    const name = (r.preferredLabel ?? '').trim();
    if (name === '' || name.split(' ').length > 6) continue;
    const category: Category =
      digital && /[A-Z]/.test(name) ? 'software' : transversal ? 'soft-skill' : knowledge ? 'knowledge' : 'professional-skill';
    const altLabels = (r.altLabels ?? '')
      .split(/\n/)
      .map((a) => a.trim())
      .filter((a) => a.length > 0 && a.split(' ').length <= 5);
    skills.push({ uri, name, altLabels, category });
  }
  skills.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.uri.localeCompare(b.uri));
  return { skills, spokenLanguages: [...spokenLanguages].sort() };
}

/** ESCO labels carry disambiguators ("Jenkins (tools for software configuration management)"). */
function withoutParenthesis(label: string): string {
  return label.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
}

/** "advertising techniques" → "advertising": ESCO's knowledge labels often add a generic noun. */
const GENERIC_TAILS = / (techniques|principles|methods|methodologies)$/;

function addEsco(
  registry: Registry,
  skills: readonly EscoSkill[],
  spokenLanguages: ReadonlySet<string>,
  common: ReadonlySet<string>,
): void {
  const pending: Array<[Draft, EscoSkill]> = [];
  for (const skill of skills) {
    const name = withoutParenthesis(skill.name);
    if (spokenLanguages.has(name)) continue;
    const owner = registry.ownerOf(name);
    // Tech sources win for tech names; ESCO may only enrich general skills.
    if (owner !== undefined && registry.isTech(owner)) continue;
    // ESCO's named tools ("Source", "Scratch") follow the same rule as the tool sources.
    if (owner === undefined && skill.category === 'software' && needsVoucher(name, common)) continue;
    const draft = owner ?? registry.create(capitalise(name), skill.category, 'esco');
    if (draft !== undefined) pending.push([draft, skill]);
  }
  for (const [draft, skill] of pending) {
    // One-word alternative labels ("board" for scaffolding components, "data" for statistics) are far
    // more often ordinary words than that skill.
    for (const label of skill.altLabels) {
      const text = withoutParenthesis(label);
      if (text.includes(' ')) registry.alias(draft, text);
    }
    // Only when the short form is itself specific: "design principles" must not claim "design".
    const shortName = withoutParenthesis(skill.name).replace(GENERIC_TAILS, '');
    if (skill.category === 'knowledge' && shortName !== skill.name && !needsVoucher(shortName, common)) {
      registry.alias(draft, shortName);
    }
  }
}

function capitalise(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

// ---------------------------------------------------------------------------------------------------------
// Ambiguity
// ---------------------------------------------------------------------------------------------------------

/**
 * An alias is ambiguous when seeing it is weak evidence of the skill: one or two letters ("C", "Go"), the
 * name of a tool that is also an everyday word ("Spark", "Excel", "Chef"), or a general word that prose
 * uses all the time ("training", "management", "research"), which names a skill only in a skills list.
 */
function isAmbiguous(key: string, explicit: boolean, common: ReadonlySet<string>): boolean {
  if (explicit) return true;
  if (NEVER_AMBIGUOUS.has(key)) return false;
  if (AMBIGUOUS_WORDS.has(key)) return true;
  if (tokenize(key).length !== 1) return false;
  if (key.length <= 2) return !SHORT_UNAMBIGUOUS.has(key);
  return common.has(key) || /^\d+$/.test(key);
}

/** Words a skills list uses to grade a skill ("Basic: Excel", "Advanced German"), never a skill themselves. */
const PROFICIENCY_WORDS = new Set(wordList(`basic beginner intermediate advanced expert proficient fluent native
  elementary working familiar`));

/** Activities a skill name adds to its subject: "API development", "Internet research". */
const ACTIVITY_WORDS = new Set(wordList(`development research design management analysis integration testing
  and`));

const ARTICLES = new Set(['a', 'an', 'the']);
const FUNCTION_WORDS = new Set(wordList(`a an the to do be is are of in on at as it for and or with by from up`));

/** Heads of a whole field of study or work ("information technology"), broader than any one skill. */
const FIELD_HEADS = new Set(wordList(`technology technologies science sciences studies`));

/**
 * Aliases that are far more often something else on a resume, so even a skills list must not map them:
 * - a proficiency word ("basic" is not the BASIC language there);
 * - the bare subject of an activity skill ("api" is not API development, "training" is not "Training and
 *   development", "internet" is not Internet research): the word names the thing, the skill is doing it;
 * - a broad field named with other words than the skill's ("information technology" for "Computer
 *   technology"): ESCO lists such fields as alternative labels of a narrower concept;
 * - a phrase opening with an article ("a computer") or made of function words only ("to do").
 */
function isMisleadingAlias(key: string, skillName: string, common: ReadonlySet<string>): boolean {
  const nameKey = phraseKey(skillName);
  if (PROFICIENCY_WORDS.has(key)) return true;
  const words = key.split(' ');
  // "a computer", "to do": an article or nothing but function words is prose, even as the skill's own name.
  if (ARTICLES.has(words[0]!) || words.every((w) => FUNCTION_WORDS.has(w))) return true;
  if (key === nameKey) return false;
  const nameWords = nameKey.split(' ');
  if (words.length === 1 && nameWords.length > 1 && nameWords[0] === key && !SHORT_UNAMBIGUOUS.has(key)) {
    return nameWords.slice(1).every((w) => ACTIVITY_WORDS.has(w));
  }
  const head = words.at(-1)!;
  return (
    words.length > 1 &&
    FIELD_HEADS.has(head) &&
    words.every((w) => common.has(w) || FIELD_HEADS.has(w)) &&
    !words.slice(0, -1).some((w) => nameWords.some((n) => sameStem(w, n)))
  );
}

/** "behavioral"/"behavioural", "law"/"law": the same word for the purpose of comparing qualifiers. */
function sameStem(a: string, b: string): boolean {
  const length = Math.min(4, a.length, b.length);
  return a.slice(0, length) === b.slice(0, length);
}

/**
 * "PyTorch", "LaTeX", "SAS": a spelling that identifies the skill by itself (unlike "Go" or "Excel"). An
 * all-caps everyday word ("FAST", "SOAP") is just emphasis, so it does not count.
 */
function hasDistinctiveCase(surface: string, common: ReadonlySet<string>): boolean {
  if (surface.length < 3) return false;
  if (/[a-z][A-Z]|[A-Z]{2,}[a-z]/.test(surface)) return true;
  return /^[A-Z0-9]+$/.test(surface) && !common.has(surface.toLowerCase()) && !AMBIGUOUS_WORDS.has(surface.toLowerCase());
}

// ---------------------------------------------------------------------------------------------------------
// Titles
// ---------------------------------------------------------------------------------------------------------

interface TitleData {
  occupations: TaxonomyFile['occupations'];
  titleHeads: string[];
  headWords: Set<string>;
}

function splitTitleVariants(title: string): string[] {
  // "WAN Engineer (Wide Area Network Engineer)" names the same title twice.
  const variants = [title];
  const paren = /^(.*\S)\s*\(([^)]+)\)\s*$/.exec(title);
  if (paren !== null) variants.push(paren[1]!, paren[2]!);
  return variants;
}

function compareScores(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function buildTitles(dir: string): TitleData {
  const occupations = readTsv(join(dir, 'onet/occupation-data.tsv'))
    .map((r) => ({ code: r['O*NET-SOC Code'] ?? '', title: r.Title ?? '' }))
    .filter((o) => o.code !== '')
    .sort((a, b) => a.code.localeCompare(b.code));
  const index = new Map(occupations.map((o, i) => [o.code, i]));
  const occupationWords = occupations.map((o) => new Set(titleWords(o.title).map(singular)));

  // key → occupation index → votes (own title 3, reported title 2, alternate title 1).
  const votes = new Map<string, Map<number, number>>();
  const vote = (title: string, code: string, weight: number): void => {
    const occ = index.get(code);
    if (occ === undefined) return;
    for (const key of new Set(splitTitleVariants(title).map(titleKey))) {
      if (key === '' || key.split(' ').length > 8) continue;
      const byOcc = votes.get(key) ?? new Map<number, number>();
      byOcc.set(occ, (byOcc.get(occ) ?? 0) + weight);
      votes.set(key, byOcc);
    }
  };
  for (const o of occupations) {
    // "Registered Nurses" → "registered nurse"; compound titles ("X and Y, Except Z") are left to the
    // alternate titles, which name each role separately.
    if (/,| and | or /.test(o.title)) continue;
    const words = titleWords(o.title);
    words[words.length - 1] = singular(words[words.length - 1]!);
    vote(words.join(' '), o.code, 3);
  }
  for (const r of readTsv(join(dir, 'onet/sample-of-reported-titles.tsv'))) {
    vote(r['Reported Job Title'] ?? '', r['O*NET-SOC Code'] ?? '', 2);
  }
  const headCounts = new Map<string, number>();
  for (const r of readTsv(join(dir, 'onet/alternate-titles.tsv'))) {
    const code = r['O*NET-SOC Code'] ?? '';
    vote(r['Alternate Title'] ?? '', code, 1);
    if ((r['Short Title'] ?? '') !== '') vote(r['Short Title'] ?? '', code, 1);
    const head = titleHead(titleWords(r['Alternate Title'] ?? ''));
    if (head !== undefined) headCounts.set(head, (headCounts.get(head) ?? 0) + 1);
  }

  const keysByOccupation = occupations.map(() => [] as string[]);
  for (const key of [...votes.keys()].sort()) {
    const words = key.split(' ');
    // Prefer the occupation whose own title shares the most words with this title, then the one whose
    // title this covers best (the general "Teachers" over "Career/Technical Education Teachers"), then votes.
    let best = -1;
    let bestScore: readonly number[] = [];
    for (const [occ, weight] of [...votes.get(key)!].sort((a, b) => a[0] - b[0])) {
      const own = occupationWords[occ]!;
      const overlap = words.filter((w) => own.has(singular(w))).length;
      const score = [overlap, overlap / own.size, weight];
      if (best < 0 || compareScores(score, bestScore) > 0) {
        best = occ;
        bestScore = score;
      }
    }
    keysByOccupation[best]!.push(key);
  }

  const headWords = new Set<string>();
  for (const [head, n] of headCounts) {
    if (n >= 8 && head.length > 2 && /^[a-z]+$/.test(head) && !NON_TITLE_HEADS.has(head)) headWords.add(head);
  }
  for (const head of EXTRA_TITLE_HEADS) headWords.add(head);
  return {
    occupations: occupations.map((o, i) => [o.code, o.title, keysByOccupation[i]!.join('|')]),
    titleHeads: [...headWords].sort(),
    headWords,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------

function build(skillsDir: string): TaxonomyFile {
  const titles = buildTitles(skillsDir);
  const common = commonWords(skillsDir, titles.headWords);
  const registry = new Registry();
  addCurated(registry);
  addLinguist(registry, common);
  addOnet(registry, readOnetTools(skillsDir), common);
  const topics = JSON.parse(readFileSync(join(skillsDir, 'github-explore-topics.json'), 'utf8')) as GithubTopic[];
  addGithub(registry, topics, common);
  const esco = readEsco(skillsDir);
  addEsco(registry, esco.skills, new Set(esco.spokenLanguages), common);

  const skills: TaxonomyFile['skills'] = registry.drafts
    .map((draft): TaxonomyFile['skills'][number] => {
      const aliases = [...draft.aliases]
        .filter(([key]) => !isMisleadingAlias(key, draft.name, common))
        .map(([key, { surface, ambiguous }]) => {
          if (!isAmbiguous(key, ambiguous, common)) return key;
          return AMBIGUOUS_PREFIX + (hasDistinctiveCase(surface, common) ? surface : key);
        })
        .sort();
      return [draft.name, CATEGORIES.indexOf(draft.category), draft.hot ? SKILL_FLAG_HOT : 0, aliases];
    })
    .sort((a, b) => a[0].localeCompare(b[0], 'en') || a[0].localeCompare(b[0]));

  return {
    format: TAXONOMY_FORMAT,
    sources: [
      'github/explore topics (CC BY 4.0)',
      'O*NET 29.2 Database (CC BY 4.0)',
      'ESCO v1.1.1 (CC BY 4.0)',
      'linguist-languages (MIT)',
    ],
    categories: [...CATEGORIES],
    skills,
    occupations: titles.occupations,
    titleHeads: titles.titleHeads,
    spokenLanguages: esco.spokenLanguages,
  };
}

/** One skill per line keeps the committed file diffable without pretty-printing every alias. */
function serialise(file: TaxonomyFile): string {
  const lines = (items: readonly unknown[]): string => items.map((x) => JSON.stringify(x)).join(',\n');
  return [
    '{',
    `"format": ${file.format},`,
    `"sources": ${JSON.stringify(file.sources)},`,
    `"categories": ${JSON.stringify(file.categories)},`,
    `"titleHeads": ${JSON.stringify(file.titleHeads)},`,
    `"spokenLanguages": ${JSON.stringify(file.spokenLanguages)},`,
    `"skills": [\n${lines(file.skills)}\n],`,
    `"occupations": [\n${lines(file.occupations)}\n]`,
    '}',
    '',
  ].join('\n');
}

function main(): void {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const skillsDir = resolve(process.argv[2] ?? join(repoRoot, '..', 'shared', 'data', 'skills'));
  const out = join(repoRoot, 'data', 'taxonomy.json');
  const file = build(skillsDir);
  mkdirSync(dirname(out), { recursive: true });
  const text = serialise(file);
  writeFileSync(out, text);
  const aliases = file.skills.reduce((n, s) => n + s[3].length, 0);
  const titleKeys = file.occupations.reduce((n, o) => n + (o[2] === '' ? 0 : o[2].split('|').length), 0);
  console.log(
    `wrote ${out}: ${file.skills.length} skills, ${aliases} aliases, ${file.occupations.length} occupations, ` +
      `${titleKeys} title keys, ${file.titleHeads.length} title heads, ${(text.length / 1e6).toFixed(2)} MB`,
  );
}

main();
