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
    [InlineData("URLs", "urls")]
    [InlineData("IDsToKeep", "idsToKeep")]
    [InlineData("ID", "id")]
    [InlineData("class", "@class")]
    [InlineData("2fa", "p2fa")]
    [InlineData("_id", "id")]
    [InlineData("await", "@await")]
    [InlineData("from", "@from")]
    [InlineData("var", "@var")]
    [InlineData("nameof", "nameof")]
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
    public void Long_names_are_cut_with_a_hash_of_the_whole_name()
    {
        string a = Naming.ToPascalCase(new string('a', 300) + "One");
        string b = Naming.ToPascalCase(new string('a', 300) + "Two");

        Assert.Equal(128, a.Length);
        Assert.Equal("A" + new string('a', 118) + "_", a[..120]);
        Assert.NotEqual(a, b);
        Assert.Equal(a, Naming.ToPascalCase(new string('a', 300) + "One"));
        Assert.Equal(new string('b', 128), Naming.Shorten(new string('b', 128)));
    }

    [Fact]
    public void A_scope_cuts_long_names_and_keeps_them_apart()
    {
        var scope = new NameScope(maxLength: 20);
        string first = scope.Claim(new string('x', 30));
        string second = scope.Claim(new string('x', 30));

        Assert.Equal(20, first.Length);
        Assert.Equal(20, second.Length);
        Assert.NotEqual(first, second);
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
