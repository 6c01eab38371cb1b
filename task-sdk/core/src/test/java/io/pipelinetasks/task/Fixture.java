package io.pipelinetasks.task;

import java.util.LinkedHashMap;
import java.util.Map;

/** The reference fixture environment of agent-contract.md section 2.6. */
final class Fixture {
  static final String SP = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
  static final String WIF = "f6e5d4c3-b2a1-4f0e-9d8c-7b6a5f4e3d2c";
  static final String SECURE_FILE = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

  private Fixture() {}

  static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/bin:/bin");
    env.put("AGENT_TEMPDIRECTORY", "tmp");
    env.put("AGENT_VERSION", "4.260.0");
    env.put("AGENT_CLOUDID", "");
    env.put("AGENT_PROXYURL", "http://proxy.contoso.local:8888");
    env.put("AGENT_PROXYUSERNAME", "proxyuser");
    env.put("AGENT_PROXYBYPASSLIST", "[\"internal\\\\.contoso\\\\.local\"]");
    env.put("SYSTEM_TEAMFOUNDATIONCOLLECTIONURI", "https://dev.azure.com/contoso/");
    env.put("SYSTEM_TEAMPROJECTID", "0e5f9c3a-0000-4000-8000-000000000001");
    env.put("SYSTEM_PLANID", "0e5f9c3a-0000-4000-8000-000000000002");
    env.put("SYSTEM_JOBID", "0e5f9c3a-0000-4000-8000-000000000003");
    env.put("SYSTEM_HOSTTYPE", "build");
    env.put("SYSTEM_DEFAULTWORKINGDIRECTORY", "tmp/wd");
    env.put("BUILD_SOURCESDIRECTORY", "tmp/wd");
    env.put(
        "VSTS_PUBLIC_VARIABLES",
        "[\"Agent.TempDirectory\",\"Agent.Version\",\"Agent.CloudId\",\"Agent.ProxyUrl\","
            + "\"Agent.ProxyUsername\",\"Agent.ProxyBypassList\","
            + "\"System.TeamFoundationCollectionUri\",\"System.TeamProjectId\",\"System.PlanId\","
            + "\"System.JobId\",\"System.HostType\",\"System.DefaultWorkingDirectory\","
            + "\"Build.SourcesDirectory\"]");
    env.put(
        "VSTS_SECRET_VARIABLES", "[\"MySecret\",\"System.AccessToken\",\"Agent.ProxyPassword\"]");
    env.put("SECRET_MYSECRET", "hunter2");
    env.put("SECRET_SYSTEM_ACCESSTOKEN", "eyJ0eXAiOiJKV1Qi.fake.token");
    env.put("SECRET_AGENT_PROXYPASSWORD", "proxy-pass");
    env.put("INPUT_CONNECTEDSERVICENAMEARM", SP);
    env.put("INPUT_SCRIPTTYPE", "bash");
    env.put("INPUT_INLINESCRIPT", "  echo hi  ");
    env.put("INPUT_MY_INPUT_NAME", "dotted and spaced");
    env.put("INPUT_FAILONSTANDARDERROR", "True");
    env.put("INPUT_ADDSPNTOENVIRONMENT", "false");
    env.put("INPUT_YESINPUT", "yes");
    env.put("INPUT_TARGETS", "a,,b;c,");
    env.put("INPUT_WORKINGDIRECTORY", "tmp/wd");
    env.put("INPUT_EMPTYINPUT", "");
    env.put("ENDPOINT_URL_" + SP, "https://management.azure.com/");
    env.put(
        "ENDPOINT_AUTH_" + SP,
        "{\"parameters\":{\"serviceprincipalid\":\"spId-1\",\"authenticationType\":\"spnKey\","
            + "\"serviceprincipalkey\":\"spKey-s3cr3t\",\"tenantid\":\"tenant-1\"},"
            + "\"scheme\":\"ServicePrincipal\"}");
    env.put("ENDPOINT_AUTH_SCHEME_" + SP, "ServicePrincipal");
    env.put("ENDPOINT_AUTH_PARAMETER_" + SP + "_SERVICEPRINCIPALID", "spId-1");
    env.put("ENDPOINT_AUTH_PARAMETER_" + SP + "_AUTHENTICATIONTYPE", "spnKey");
    env.put("ENDPOINT_AUTH_PARAMETER_" + SP + "_SERVICEPRINCIPALKEY", "spKey-s3cr3t");
    env.put("ENDPOINT_AUTH_PARAMETER_" + SP + "_TENANTID", "tenant-1");
    env.put(
        "ENDPOINT_DATA_" + SP,
        "{\"subscriptionId\":\"sub-1\",\"subscriptionName\":\"Sub One\",\"environment\":"
            + "\"AzureCloud\",\"scopeLevel\":\"Subscription\",\"creationMode\":\"Manual\"}");
    env.put("ENDPOINT_DATA_" + SP + "_SUBSCRIPTIONID", "sub-1");
    env.put("ENDPOINT_DATA_" + SP + "_SUBSCRIPTIONNAME", "Sub One");
    env.put("ENDPOINT_DATA_" + SP + "_ENVIRONMENT", "AzureCloud");
    env.put("ENDPOINT_DATA_" + SP + "_SCOPELEVEL", "Subscription");
    env.put("ENDPOINT_DATA_" + SP + "_CREATIONMODE", "Manual");
    env.put("ENDPOINT_URL_" + WIF, "https://management.azure.com/");
    env.put(
        "ENDPOINT_AUTH_" + WIF,
        "{\"parameters\":{\"serviceprincipalid\":\"spId-2\",\"tenantid\":\"tenant-2\","
            + "\"workloadIdentityFederationIssuer\":\"https://vstoken.dev.azure.com/org-guid\","
            + "\"workloadIdentityFederationSubject\":\"sc://contoso/proj/wif-conn\"},"
            + "\"scheme\":\"WorkloadIdentityFederation\"}");
    env.put("ENDPOINT_AUTH_SCHEME_" + WIF, "WorkloadIdentityFederation");
    env.put("ENDPOINT_AUTH_PARAMETER_" + WIF + "_SERVICEPRINCIPALID", "spId-2");
    env.put("ENDPOINT_AUTH_PARAMETER_" + WIF + "_TENANTID", "tenant-2");
    env.put(
        "ENDPOINT_AUTH_PARAMETER_" + WIF + "_WORKLOADIDENTITYFEDERATIONISSUER",
        "https://vstoken.dev.azure.com/org-guid");
    env.put(
        "ENDPOINT_AUTH_PARAMETER_" + WIF + "_WORKLOADIDENTITYFEDERATIONSUBJECT",
        "sc://contoso/proj/wif-conn");
    env.put(
        "ENDPOINT_DATA_" + WIF, "{\"subscriptionId\":\"sub-2\",\"environment\":\"AzureCloud\"}");
    env.put("ENDPOINT_DATA_" + WIF + "_SUBSCRIPTIONID", "sub-2");
    env.put("ENDPOINT_DATA_" + WIF + "_ENVIRONMENT", "AzureCloud");
    env.put("ENDPOINT_URL_SYSTEMVSSCONNECTION", "https://dev.azure.com/contoso/");
    env.put(
        "ENDPOINT_AUTH_SYSTEMVSSCONNECTION",
        "{\"parameters\":{\"AccessToken\":\"eyJ0eXAiOiJKV1Qi.fake.token\"},\"scheme\":\"OAuth\"}");
    env.put("ENDPOINT_AUTH_SCHEME_SYSTEMVSSCONNECTION", "OAuth");
    env.put(
        "ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN", "eyJ0eXAiOiJKV1Qi.fake.token");
    env.put("SECUREFILE_NAME_" + SECURE_FILE, "signing.p12");
    env.put("SECUREFILE_TICKET_" + SECURE_FILE, "ticket-abc");
    env.put("VSTS_TASKVARIABLE_WRAPPERSTATE", "  phase one  ");
    return env;
  }
}
