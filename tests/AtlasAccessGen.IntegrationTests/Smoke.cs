namespace AtlasAccessGen.IntegrationTests;

public class Smoke
{
    [Xunit.Fact]
    public void Types_exist()
    {
        Xunit.Assert.NotNull(typeof(Contoso.Atlas.CloudProviderAccessRoles));
        Xunit.Assert.NotNull(typeof(Contoso.AtlasFromYaml.CloudProviderAccessRoles));
    }
}
