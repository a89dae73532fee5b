// The reference platform in the AWS CDK (plain JavaScript): the same shape as
// aip's lang-portal blueprint (seed 004). Used to check that aip's validator
// accepts what the CDK synthesizes, and to compare synth times.
// Run: CDK_OUTDIR=out node app.js
const cdk = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const rds = require('aws-cdk-lib/aws-rds');
const ecs = require('aws-cdk-lib/aws-ecs');
const elbv2 = require('aws-cdk-lib/aws-elasticloadbalancingv2');
const cognito = require('aws-cdk-lib/aws-cognito');
const wafv2 = require('aws-cdk-lib/aws-wafv2');
const budgets = require('aws-cdk-lib/aws-budgets');

const app = new cdk.App();
const env = { account: '333333333333', region: 'us-east-1' };
const stack = new cdk.Stack(app, 'LangPortalReference', { env });

const vpc = new ec2.Vpc(stack, 'Main', {
  ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'),
  maxAzs: 3,
  natGateways: 1,
  subnetConfiguration: [
    { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
    { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
    { name: 'database', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
  ],
  flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
});
for (const service of ['ECR', 'ECR_DOCKER', 'CLOUDWATCH_LOGS', 'SECRETS_MANAGER', 'BEDROCK_RUNTIME']) {
  vpc.addInterfaceEndpoint(service, { service: ec2.InterfaceVpcEndpointAwsService[service] });
}
vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });

const db = new rds.DatabaseCluster(stack, 'LangDb', {
  engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
  writer: rds.ClusterInstance.serverlessV2('writer'),
  serverlessV2MinCapacity: 0.5,
  serverlessV2MaxCapacity: 4,
  vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  storageEncrypted: true,
  deletionProtection: true,
  iamAuthentication: true,
});
db.addProxy('Proxy', { secrets: [db.secret], vpc, requireTLS: true, iamAuth: true });

const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
const task = new ecs.FargateTaskDefinition(stack, 'ApiTask', { cpu: 512, memoryLimitMiB: 1024 });
task.addContainer('api', {
  image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/python:3.12-slim'),
  portMappings: [{ containerPort: 8000 }],
  logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'api' }),
});
const service = new ecs.FargateService(stack, 'ApiService', {
  cluster, taskDefinition: task, desiredCount: 2, circuitBreaker: { rollback: true },
});
const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true });
const https = alb.addListener('Https', {
  port: 443,
  certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:us-east-1:333333333333:certificate/0d0f5f1c-1b1e-4f5a-9f0a-000000000000')],
  sslPolicy: elbv2.SslPolicy.TLS13_12,
});
https.addTargets('Api', { port: 8000, targets: [service], healthCheck: { path: '/health' } });
alb.addRedirect({ sourcePort: 80, targetPort: 443 });
const scaling = service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 6 });
scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 70 });

const pool = new cognito.UserPool(stack, 'Users', {
  selfSignUpEnabled: false,
  mfa: cognito.Mfa.OPTIONAL,
  passwordPolicy: { minLength: 12 },
  accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
});
pool.addClient('Web', { generateSecret: false, authFlows: { userSrp: true } });

const acl = new wafv2.CfnWebACL(stack, 'WebAcl', {
  scope: 'REGIONAL',
  defaultAction: { allow: {} },
  visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'web-acl', sampledRequestsEnabled: true },
  rules: [
    {
      name: 'common', priority: 10, overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true },
    },
    {
      name: 'rate', priority: 1, action: { block: {} },
      statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: 'IP' } },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'rate', sampledRequestsEnabled: true },
    },
  ],
});
new wafv2.CfnWebACLAssociation(stack, 'WebAclAlb', { resourceArn: alb.loadBalancerArn, webAclArn: acl.attrArn });

new budgets.CfnBudget(stack, 'Monthly', {
  budget: { budgetType: 'COST', timeUnit: 'MONTHLY', budgetLimit: { amount: 500, unit: 'USD' } },
  notificationsWithSubscribers: [80, 100, 120].map((threshold) => ({
    notification: { notificationType: 'ACTUAL', comparisonOperator: 'GREATER_THAN', threshold, thresholdType: 'PERCENTAGE' },
    subscribers: [{ subscriptionType: 'EMAIL', address: 'finops@example.com' }],
  })),
});

app.synth();
