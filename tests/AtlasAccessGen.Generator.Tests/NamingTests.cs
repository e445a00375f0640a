using AtlasAccessGen.Generator.Parsing;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

public class NamingTests
{
    [Theory]
    [InlineData("_id", "Id")]
    [InlineData("roleId", "RoleId")]
    [InlineData("atlasAWSAccountArn", "AtlasAWSAccountArn")]
    [InlineData("CloudProviderAccessAWSIAMRole", "CloudProviderAccessAWSIAMRole")]
    [InlineData("x-xgen-sha", "XXgenSha")]
    [InlineData("2fa", "_2fa")]
    [InlineData("class", "Class")]
    [InlineData("---", "Value")]
    [InlineData("charFilterhtmlStrip", "CharFilterhtmlStrip")]
    public void Property_and_type_names_are_pascal_case(string specName, string csharpName) =>
        Assert.Equal(csharpName, Naming.ToPascalCase(specName));

    [Theory]
    [InlineData("groupId", "groupId")]
    [InlineData("Use-Effective-Instance-Fields", "useEffectiveInstanceFields")]
    [InlineData("IAMRole", "iamRole")]
    [InlineData("ID", "id")]
    [InlineData("class", "@class")]
    [InlineData("2fa", "p2fa")]
    [InlineData("_id", "id")]
    public void Parameter_names_are_camel_case_and_never_keywords(string specName, string csharpName) =>
        Assert.Equal(csharpName, Naming.ToParameterName(specName));

    [Theory]
    [InlineData("IN_PROGRESS", "InProgress")]
    [InlineData("AWS", "Aws")]
    [InlineData("ATLAS_LOG_INTEGRATION", "AtlasLogIntegration")]
    [InlineData("us-east-1", "UsEast1")]
    [InlineData("daily", "Daily")]
    [InlineData("atlas.project.deployment.clusters", "AtlasProjectDeploymentClusters")]
    public void Enum_members_are_pascal_case(string value, string member) =>
        Assert.Equal(member, Naming.ToEnumMemberName(value));

    [Fact]
    public void A_scope_suffixes_clashing_names()
    {
        var scope = new NameScope(["Taken"]);

        Assert.Equal("Taken2", scope.Claim("Taken"));
        Assert.Equal("Taken3", scope.Claim("Taken"));
        Assert.Equal("Free", scope.Claim("Free"));
    }

    [Fact]
    public void A_property_named_like_its_type_gets_a_suffix()
    {
        string text = Specs.Fragment.Replace("\"field\": {", "\"fieldViolation\": { \"type\": \"string\" }, \"field\": {", System.StringComparison.Ordinal);
        var outcome = GeneratorHarness.Run(new SpecFile("/specs/named.json", text));

        Assert.Contains("public string? FieldViolationValue { get; set; }", outcome.Source("Contoso.Atlas.FieldViolation.g.cs"), System.StringComparison.Ordinal);
        Assert.Empty(outcome.CompilationProblems());
    }
}
