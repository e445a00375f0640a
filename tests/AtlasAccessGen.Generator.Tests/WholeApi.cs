using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AtlasAccessGen.Generator.Model;
using AtlasAccessGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// The whole upstream API generated once, with the model the generator built and the compiled assembly, shared by
/// every whole-API test class through <see cref="WholeApiCollection"/> (generating and compiling it takes a minute).
/// </summary>
public sealed class WholeApi : IDisposable
{
    /// <summary>The test collection that shares one instance: generating and compiling the whole API takes a minute.</summary>
    public const string Collection = "Whole API";

    public const string Ns = "Contoso.AtlasApi";

    private readonly Lazy<CompiledAssembly> _assembly;

    public WholeApi()
    {
        // XML docs checked too: the spec's CommonMark (links, code spans) becomes doc markup that must be well formed.
        Outcome = GeneratorHarness.Run(
            new[] { new SpecFile("/specs/atlas-api-v2.json", Specs.FullApi, Ns) },
            GeneratorHarness.ParseOptions().WithDocumentationMode(Microsoft.CodeAnalysis.DocumentationMode.Diagnose));
        Spec = Outcome.Result.TrackedSteps[TrackingNames.ParsedSpecs].SelectMany(step => step.Outputs).Select(output => output.Value).OfType<ParseResult>().Single().Spec
            ?? throw new InvalidOperationException("The whole API did not parse.");
        Document = JsonDocument.Parse(Specs.FullApi);
        _assembly = new Lazy<CompiledAssembly>(() => CompiledAssembly.Load(Outcome.Output));
    }

    public GeneratorHarness.GeneratorOutcome Outcome { get; }

    internal ApiSpec Spec { get; }

    public JsonDocument Document { get; }

    public CompiledAssembly Assembly => _assembly.Value;

    public Type Type(string name) => Assembly.Assembly.GetType(Ns + "." + name, throwOnError: true)!;

    /// <summary>The spec node a JSON pointer names (RFC 6901).</summary>
    public JsonElement At(string pointer)
    {
        JsonElement node = Document.RootElement;
        foreach (string raw in pointer.Split('/').Skip(1))
        {
            string segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node.ValueKind == JsonValueKind.Array ? node[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)] : node.GetProperty(segment);
        }

        return node;
    }

    public void Dispose()
    {
        if (_assembly.IsValueCreated)
        {
            _assembly.Value.Dispose();
        }

        Document.Dispose();
    }
}

[CollectionDefinition(WholeApi.Collection)]
public sealed class WholeApiCollection : ICollectionFixture<WholeApi>
{
}
