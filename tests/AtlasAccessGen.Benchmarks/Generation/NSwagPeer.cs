using System.Linq;
using NJsonSchema;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace AtlasAccessGen.Benchmarks.Generation;

/// <summary>NSwag's own C# code generator on the same spec text: the generator benchmarks' peer, and the source of Json/NSwagModels.cs.</summary>
public static class NSwagPeer
{
    /// <summary>Text to code, as ours is: NSwag's parse, then DTOs (Newtonsoft.Json) and, when asked, a client per tag.</summary>
    public static string Generate(string specText, bool withClients, string @namespace = "Bench.NSwag")
    {
        OpenApiDocument document = OpenApiDocument.FromJsonAsync(specText).GetAwaiter().GetResult();

        // NSwag cannot generate the Atlas spec as published; these are the smallest changes that let it
        // (ours reads the spec as is). It reads inheritance from the discriminator plus the subtypes'
        // allOf, and the base's oneOf listing the same subtypes is a cycle on which NJsonSchema throws
        // "The baseTypeName 'CloudProviderAccessAWSIAMRole' cannot equal typeName"; and it expects one
        // discriminator value per subtype, where Atlas maps several values to one schema.
        foreach (JsonSchema schema in document.Components.Schemas.Values)
        {
            if (schema.DiscriminatorObject is { } discriminator)
            {
                schema.OneOf.Clear();
                foreach (string value in discriminator.Mapping.GroupBy(pair => pair.Value.ActualSchema).SelectMany(group => group.Skip(1)).Select(pair => pair.Key).ToList())
                {
                    discriminator.Mapping.Remove(value);
                }
            }
        }

        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "{controller}Client",
            OperationNameGenerator = new MultipleClientsFromFirstTagAndOperationIdGenerator(),
            GenerateClientClasses = withClients,
            GenerateClientInterfaces = withClients,
            GenerateExceptionClasses = withClients,
            CSharpGeneratorSettings = { Namespace = @namespace },
        };
        return new CSharpClientGenerator(document, settings).GenerateFile();
    }
}
