using System;
using System.Linq;
using System.Reflection;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>Identical inline enums within one spec are one type (docs/generated-code.md, "Enums").</summary>
public class InlineEnumTests
{
    private const string Ns = "Contoso.Atlas";

    private const string Spec = """
        {
          "openapi": "3.0.1",
          "info": { "title": "Test", "version": "2.0" },
          "paths": {
            "/api/atlas/v2/things/{cloud}": {
              "get": {
                "operationId": "getThing",
                "tags": ["Things"],
                "parameters": [ { "name": "cloud", "in": "path", "required": true, "schema": { "type": "string", "enum": ["GCP", "AWS", "AZURE"] } } ],
                "responses": { "200": { "description": "OK", "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "$ref": "#/components/schemas/Thing" } } } } }
              }
            }
          },
          "components": {
            "schemas": {
              "Thing": {
                "type": "object",
                "properties": {
                  "provider": { "type": "string", "description": "Where it runs.", "enum": ["AWS", "AZURE", "GCP"] },
                  "backupProviders": { "type": "array", "items": { "type": "string", "enum": ["AZURE", "AWS", "GCP"] } },
                  "zeta": { "type": "string", "enum": ["ON", "OFF"] },
                  "alpha": { "type": "string", "enum": ["OFF", "ON"] },
                  "size": { "type": "string", "enum": ["S", "M"] },
                  "sizeCode": { "type": "string", "format": "code", "enum": ["S", "M"] },
                  "colour": { "$ref": "#/components/schemas/Colour" },
                  "shade": { "$ref": "#/components/schemas/Shade" },
                  "tint": { "type": "string", "enum": ["RED", "BLUE"] }
                }
              },
              "Colour": { "type": "string", "enum": ["RED", "BLUE"] },
              "Shade": { "type": "string", "enum": ["RED", "BLUE"] }
            }
          }
        }
        """;

    [Fact]
    public void Inline_enums_of_one_value_set_share_the_parameters_type_and_named_ones_stay_apart()
    {
        var outcome = GeneratorHarness.Run(new SpecFile("/specs/enums.json", Spec, Ns));
        Assert.Empty(outcome.CompilationProblems());
        using var assembly = CompiledAssembly.Load(outcome.Output);
        Type thing = Type(assembly, "Thing");

        // The parameter names the shared type, whatever the order of the values.
        Type cloud = Type(assembly, "Cloud");
        Assert.Equal(cloud, Nullable.GetUnderlyingType(thing.GetProperty("Provider")!.PropertyType));
        Assert.Equal(typeof(System.Collections.Generic.IList<>).MakeGenericType(cloud), thing.GetProperty("BackupProviders")!.PropertyType);
        Assert.Null(assembly.Assembly.GetType(Ns + ".ThingProvider"));
        Assert.Null(assembly.Assembly.GetType(Ns + ".ThingBackupProvidersItem"));

        // Without a parameter, the first name in ordinal order; the values in that enum's own order.
        Type alpha = Type(assembly, "ThingAlpha");
        Assert.Equal(alpha, Nullable.GetUnderlyingType(thing.GetProperty("Zeta")!.PropertyType));
        Assert.Null(assembly.Assembly.GetType(Ns + ".ThingZeta"));
        Assert.Equal(new[] { "OFF", "ON" }, KnownValues(alpha));

        // A different format is a different type; named component enums are never merged, nor an inline one into them.
        Assert.NotEqual(thing.GetProperty("Size")!.PropertyType, thing.GetProperty("SizeCode")!.PropertyType);
        Type colour = Nullable.GetUnderlyingType(thing.GetProperty("Colour")!.PropertyType)!;
        Type shade = Nullable.GetUnderlyingType(thing.GetProperty("Shade")!.PropertyType)!;
        Type tint = Nullable.GetUnderlyingType(thing.GetProperty("Tint")!.PropertyType)!;
        Assert.Equal(new[] { "Colour", "Shade", "ThingTint" }, new[] { colour.Name, shade.Name, tint.Name });

        // The shared type says which names it stands for, so a user of an older build finds it.
        string cloudSource = outcome.Source("Contoso.Atlas.Cloud.g.cs");
        Assert.Contains("alone, they would be named <c>ThingBackupProvidersItem</c> and <c>ThingProvider</c>.", cloudSource, StringComparison.Ordinal);

        // A value read through the property is the parameter's value.
        object read = InlineUnionTests.Read(assembly, "Thing", """{"provider":"AZURE","backupProviders":["GCP","ORACLE"]}""");
        Assert.Equal(cloud.GetProperty("Azure")!.GetValue(null), thing.GetProperty("Provider")!.GetValue(read));
        Assert.Equal("""{"provider":"AZURE","backupProviders":["GCP","ORACLE"]}""", InlineUnionTests.Write(assembly, "Thing", read));
    }

    [Fact]
    public void Fragment_role_provider_passes_straight_to_deauthorize()
    {
        const string Consumer = """
            using System.Threading.Tasks;
            using Contoso.Atlas;

            public static class Consumer
            {
                public static Task Deauthorize(ICloudProviderAccessClient access, string groupId, CloudProviderAccessRole role, string roleId) =>
                    access.DeauthorizeProviderAccessRoleAsync(groupId, role.ProviderName, roleId);

                public static CloudProvider[] Providers(CloudProviderAccessRoleRequest create, CloudProviderAccessRoleRequestUpdate update) =>
                    new[] { create.ProviderName, update.ProviderName, new CloudProviderAccessGCPServiceAccount().ProviderName };
            }
            """;
        var outcome = GeneratorHarness.Run(new[] { SpecFile.Fragment() }, GeneratorHarness.ParseOptions());
        var compilation = outcome.Output.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Consumer, GeneratorHarness.ParseOptions(), path: "Consumer.cs"));

        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.DoesNotContain(outcome.Sources, s => s.HintName.EndsWith("ProviderName.g.cs", StringComparison.Ordinal));
    }

    private static Type Type(CompiledAssembly assembly, string name) => assembly.Assembly.GetType(Ns + "." + name, throwOnError: true)!;

    private static string[] KnownValues(Type type) =>
        ((System.Collections.IEnumerable)type.GetProperty("KnownValues", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!).Cast<object>().Select(v => v.ToString()!).ToArray();
}
