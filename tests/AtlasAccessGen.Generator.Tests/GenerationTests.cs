using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

public class GenerationTests
{
    [Fact]
    public void Fragment_generates_code_that_compiles_without_warnings()
    {
        var outcome = GeneratorHarness.Run(SpecFile.Fragment());

        Assert.Empty(outcome.DriverDiagnostics);
        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationProblems());
        Assert.Contains(outcome.Sources, s => s.HintName == "Contoso.Atlas.CloudProviderAccessRole.g.cs");
    }

    [Fact]
    public void Fragment_models_every_schema_its_operations_reach()
    {
        var outcome = GeneratorHarness.Run(SpecFile.Fragment());
        var types = outcome.Sources.Select(s => s.HintName).ToList();

        foreach (string schema in new[]
        {
            "ApiError", "BadRequestDetail", "FieldViolation", "CloudProviderAccessRoles", "CloudProviderAccessRole",
            "CloudProviderAccessAWSIAMRole", "CloudProviderAccessAzureServicePrincipal", "CloudProviderAccessGCPServiceAccount",
            "CloudProviderAccessRoleRequest", "CloudProviderAccessAWSIAMRoleRequest", "CloudProviderAccessRoleRequestUpdate",
            "CloudProviderAccessGCPServiceAccountRequestUpdate", "CloudProviderAccessFeatureUsage", "CloudProviderAccessDataLakeFeatureUsage",
            "CloudProviderAccessFeatureUsagePushBasedLogExportFeatureId", "UnknownCloudProviderAccessRole", "UnknownCloudProviderAccessFeatureUsage",
            "CloudProvider", "CloudProviderAccessFeatureUsageFeatureType", "CloudProviderAccessGCPServiceAccountStatus",
        })
        {
            Assert.Contains("Contoso.Atlas." + schema + ".g.cs", types);
        }

        // The null-only object is free-form JSON, not an empty class.
        Assert.DoesNotContain("Contoso.Atlas.ApiAtlasCloudProviderAccessFeatureUsageFeatureIdView.g.cs", types);
    }

    [Fact]
    public void Output_is_byte_identical_run_to_run()
    {
        var first = GeneratorHarness.Run(SpecFile.Fragment()).Sources.Select(s => (s.HintName, s.SourceText.ToString())).ToList();
        var second = GeneratorHarness.Run(SpecFile.Fragment()).Sources.Select(s => (s.HintName, s.SourceText.ToString())).ToList();

        Assert.Equal(first, second);
    }
}
