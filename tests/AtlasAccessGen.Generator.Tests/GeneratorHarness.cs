using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// An AtlasApiSpec item as the build targets would hand it to the compiler; <paramref name="DefiningProject"/> and
/// <paramref name="ItemSpec"/> are the file that defines the item and its Include as written; <paramref name="Lock"/> is
/// the content of the lock file beside it (<c>spec.atlas-lock.json</c>), which the targets add when it exists.
/// </summary>
public sealed record SpecFile(string Path, string Text, string? Namespace = "Contoso.Atlas", string? ApiVersion = null, string? Tags = null, string? Operations = null, string? DefiningProject = null, string? ItemSpec = null, string? Lock = null)
{
    public string LockPath => System.IO.Path.ChangeExtension(Path, null) + ".atlas-lock.json";

    public static SpecFile Fragment() => new("/specs/cloud-provider-access.json", Specs.Fragment);
}

/// <summary>A project file (or imported .props) that the build targets add to AdditionalFiles with AtlasProjectFile="true".</summary>
public sealed record ProjectFile(string Path, string Text);

public static class Specs
{
    public static string Fragment { get; } = File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "specs", "cloud-provider-access.json"));

    public static string FullApi => s_fullApi.Value;

    /// <summary>A spec of tests/AtlasAccessGen.Generator.Tests/regressions (copied to the output), named as the file is.</summary>
    public static SpecFile Regression(string fileName) =>
        new("/specs/regressions/" + fileName, File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "regressions", fileName)));

    private static readonly Lazy<string> s_fullApi = new(() => File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "specs", "atlas-api-v2.json")));
}

/// <summary>Runs the generator through Roslyn's driver, in the style of NetEscapades.EnumGenerators' tests.</summary>
public static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(System.IO.Path.PathSeparator)
            .Where(path => System.IO.Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    /// <summary>The framework, the runtime the generated clients stand on, and the DI abstractions it brings.</summary>
    public static ImmutableArray<MetadataReference> References { get; } = s_references.Value.AddRange(new[]
    {
        MetadataReference.CreateFromFile(typeof(AtlasAccessGen.Runtime.AtlasTransport).Assembly.Location),

        // What the generated AddAtlasClient registration compiles against: IServiceCollection and IHttpClientBuilder.
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IHttpClientBuilder).Assembly.Location),
    });

    /// <summary>The framework only: a project that forgot the runtime.</summary>
    public static ImmutableArray<MetadataReference> FrameworkReferences => s_references.Value;

    public static CSharpParseOptions ParseOptions(LanguageVersion version = LanguageVersion.Latest) => new(version);

    public static CSharpCompilation Compilation(CSharpParseOptions? parseOptions = null, params string[] sources) =>
        Compilation(References, parseOptions, sources);

    public static CSharpCompilation Compilation(ImmutableArray<MetadataReference> references, CSharpParseOptions? parseOptions = null, params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parseOptions ?? ParseOptions(), path: "Source" + i + ".cs")),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
                {
                    ["CS1591"] = ReportDiagnostic.Suppress,

                    // The runtime targets net8.0 and the tests run on a newer framework; the SDK silences these two by default too.
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

    public static GeneratorDriver CreateDriver(IEnumerable<SpecFile> specs, CSharpParseOptions? parseOptions = null, IReadOnlyDictionary<string, string>? globalOptions = null, IEnumerable<ProjectFile>? projectFiles = null)
    {
        var texts = specs.Select(spec => (AdditionalText)new InMemoryAdditionalText(spec.Path, spec.Text, Metadata(spec)))
            .Concat((projectFiles ?? []).Select(project => new InMemoryAdditionalText(project.Path, project.Text, new Dictionary<string, string> { [MetadataPrefix + "AtlasProjectFile"] = "true" })))
            .Concat(specs.Where(spec => spec.Lock is not null).Select(spec => new InMemoryAdditionalText(spec.LockPath, spec.Lock!, new Dictionary<string, string> { [MetadataPrefix + "AtlasSpecLock"] = "true" })))
            .ToImmutableArray();
        return CSharpGeneratorDriver.Create(
            new[] { new AtlasApiGenerator().AsSourceGenerator() },
            texts,
            parseOptions ?? ParseOptions(),
            new TestOptionsProvider(texts, globalOptions ?? new Dictionary<string, string>()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public static GeneratorOutcome Run(params SpecFile[] specs) => Run(specs, ParseOptions());

    /// <summary>
    /// Runs the generator on a thread with a small stack: 1 MB is the default on Windows, where csc and the IDE host
    /// generators, so a recursion that passes here cannot overflow there. A stack overflow still kills the test process.
    /// </summary>
    public static GeneratorOutcome RunOnStack(int stackBytes, params SpecFile[] specs)
    {
        GeneratorOutcome? outcome = null;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    outcome = Run(specs);
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            stackBytes);
        thread.Start();
        thread.Join();
        return failure is null ? outcome! : throw new InvalidOperationException("The generator run failed on its thread.", failure);
    }

    public static GeneratorOutcome Run(IEnumerable<SpecFile> specs, CSharpParseOptions parseOptions, IReadOnlyDictionary<string, string>? globalOptions = null, bool withRuntime = true, IEnumerable<ProjectFile>? projectFiles = null)
    {
        GeneratorDriver driver = CreateDriver(specs, parseOptions, globalOptions, projectFiles);
        CSharpCompilation compilation = Compilation(withRuntime ? References : FrameworkReferences, parseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        return new GeneratorOutcome(driver, driver.GetRunResult(), output, driverDiagnostics);
    }

    public sealed record GeneratorOutcome(GeneratorDriver Driver, GeneratorDriverRunResult RunResult, Compilation Output, ImmutableArray<Diagnostic> DriverDiagnostics)
    {
        public GeneratorRunResult Result => RunResult.Results.Single();

        public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

        public IReadOnlyList<GeneratedSourceResult> Sources => Result.GeneratedSources;

        public string Source(string hintName) => Sources.Single(s => s.HintName == hintName).SourceText.ToString();

        /// <summary>Compiler errors and warnings of the consumer compilation with the generated code in it.</summary>
        public IReadOnlyList<Diagnostic> CompilationProblems() =>
            Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

        /// <summary>Errors and warnings of emitting the consumer assembly (IL and metadata), which finds problems binding alone does not.</summary>
        public IReadOnlyList<Diagnostic> EmitProblems()
        {
            using var stream = new MemoryStream();
            return Output.Emit(stream).Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        }
    }

    private const string MetadataPrefix = "build_metadata.AdditionalFiles.";

    private static Dictionary<string, string> Metadata(SpecFile spec)
    {
        var values = new Dictionary<string, string> { [MetadataPrefix + "AtlasApiSpec"] = "true" };
        Add(values, MetadataPrefix + "AtlasNamespace", spec.Namespace);
        Add(values, MetadataPrefix + "AtlasApiVersion", spec.ApiVersion);
        Add(values, MetadataPrefix + "AtlasTags", spec.Tags);
        Add(values, MetadataPrefix + "AtlasOperations", spec.Operations);
        Add(values, MetadataPrefix + "AtlasDefiningProject", spec.DefiningProject);
        Add(values, MetadataPrefix + "AtlasItemSpec", spec.ItemSpec);
        return values;
    }

    private static void Add(Dictionary<string, string> values, string key, string? value)
    {
        if (value is not null)
        {
            values[key] = value;
        }
    }

    private sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryAdditionalText(string path, string text, Dictionary<string, string> metadata)
        {
            Path = path;
            Metadata = metadata;
            _text = SourceText.From(text);
        }

        public Dictionary<string, string> Metadata { get; }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Dictionary<string, AnalyzerConfigOptions> _byPath;

        public TestOptionsProvider(ImmutableArray<AdditionalText> texts, IReadOnlyDictionary<string, string> global)
        {
            GlobalOptions = new DictionaryOptions(global.ToDictionary(kv => "build_property." + kv.Key, kv => kv.Value));
            _byPath = texts.Cast<InMemoryAdditionalText>().ToDictionary(t => t.Path, t => (AnalyzerConfigOptions)new DictionaryOptions(t.Metadata));
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            _byPath.TryGetValue(textFile.Path, out AnalyzerConfigOptions? options) ? options : DictionaryOptions.Empty;
    }

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());

        private readonly Dictionary<string, string> _values;

        public DictionaryOptions(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
    }
}

/// <summary>A spec, project or lock file after an edit, to hand the driver in place of the original.</summary>
public sealed class EditedText(string path, string text) : AdditionalText
{
    public override string Path => path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}
