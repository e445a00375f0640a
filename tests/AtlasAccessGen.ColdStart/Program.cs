using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

// Usage: AtlasAccessGen.ColdStart <mode> <roslyn dir> <analyzer dir> <spec file> [runtime dll]
//   mode: generate (the generator once through Roslyn's driver, as csc runs it), generate-warm (the sixth run in the
//   same process), nswag-parse (NSwag.Core's parse of the text only), nswag-parse-reflection (the same after swapping
//   Json.NET's compiled-expression accessors in NSwag's contract resolver for plain reflection: a lever measured, not
//   used), nswag-phases (the parse's two phases timed apart: Json.NET's deserialization, then NJsonSchema's reference
//   pass; prints them to stderr), json-pass (one JsonTextReader pass over the text, as each of the generator's own
//   scans), noop.
// Prints one line: mode, then CPU and wall milliseconds, JIT-compiled methods, GC pause milliseconds, gen0 GCs and MB allocated (all threads) for the work, and CPU and JIT-compiled
// methods up to Main, read from the runtime; the process's total CPU is for the caller to take (/usr/bin/time).
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: <generate|generate-warm|nswag-parse|nswag-parse-reflection|nswag-phases|json-pass|noop> <roslyn dir> <analyzer dir> <spec> [runtime dll]");
    return 2;
}

string mode = args[0];
string roslyn = args[1];
string analyzers = args[2];
string specPath = args[3];
Counters processStart = Counters.Now();
Counters start = processStart;
var wall = Stopwatch.StartNew();

// Roslyn from the SDK, every other assembly from the analyzer folder, in one load context per folder as the compiler's
// analyzer loader does (Roslyn itself is shared with the compiler's context).
var analyzerContext = new FolderLoadContext(analyzers);
AssemblyLoadContext.Default.Resolving += (_, name) =>
{
    string candidate = Path.Combine(roslyn, name.Name + ".dll");
    return File.Exists(candidate) ? AssemblyLoadContext.Default.LoadFromAssemblyPath(candidate) : analyzerContext.LoadFromAssemblyName(name);
};

int result = mode switch
{
    "generate" => Generate(analyzerContext, specPath, args.Length > 4 ? args[4] : null),
    "generate-warm" => GenerateWarm(analyzerContext, specPath, args.Length > 4 ? args[4] : null, ref start, wall),
    "nswag-parse" => NSwagParse(analyzerContext, specPath),
    "json-pass" => JsonPass(analyzerContext, specPath),
    "nswag-parse-reflection" => NSwagParseReflection(specPath),
    "nswag-phases" => NSwagPhases(specPath),
    _ => File.Exists(specPath) ? 1 : 0,
};

wall.Stop();
Counters end = Counters.Now();
Console.WriteLine(string.Join(" ",
    mode,
    "work_cpu_ms=" + (int)(end.Cpu - start.Cpu).TotalMilliseconds,
    "work_wall_ms=" + wall.ElapsedMilliseconds,
    "work_jit_methods=" + (end.JitMethods - start.JitMethods),
    "work_jit_ms=" + (int)(end.JitTime - start.JitTime).TotalMilliseconds,
    "work_gc_pause_ms=" + (int)(end.GcPause - start.GcPause).TotalMilliseconds,
    "work_gcs=" + (end.Gen0Collections - start.Gen0Collections),
    "work_alloc_mb=" + ((end.AllocatedBytes - start.AllocatedBytes) / 1_000_000),
    "start_cpu_ms=" + (int)processStart.Cpu.TotalMilliseconds,
    "start_jit_methods=" + processStart.JitMethods,
    "result=" + result));
return result > 0 ? 0 : 1;

static int Generate(FolderLoadContext context, string specPath, string? runtimeDll)
{
    Assembly generatorAssembly = context.LoadFromAssemblyPath(Path.Combine(context.Folder, "AtlasAccessGen.Generator.dll"));
    var generator = (IIncrementalGenerator)Activator.CreateInstance(generatorAssembly.GetType("AtlasAccessGen.Generator.AtlasApiGenerator", throwOnError: true)!)!;
    var references = new List<MetadataReference> { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) };
    if (runtimeDll is not null)
    {
        references.Add(MetadataReference.CreateFromFile(runtimeDll));
    }

    CSharpCompilation compilation = CSharpCompilation.Create("Consumer", [], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    GeneratorDriver driver = CSharpGeneratorDriver.Create(
        [generator.AsSourceGenerator()],
        [new SpecText(Path.GetFullPath(specPath), File.ReadAllText(specPath))],
        new CSharpParseOptions(LanguageVersion.Latest),
        new SpecOptions());
    GeneratorDriverRunResult run = driver.RunGenerators(compilation).GetRunResult();
    if (run.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
    {
        Console.Error.WriteLine(error);
        return 0;
    }

    return run.GeneratedTrees.Length;
}

// Five runs first, so the measured sixth is what a compiler server that has run the generator before pays.
static int GenerateWarm(FolderLoadContext context, string specPath, string? runtimeDll, ref Counters start, Stopwatch wall)
{
    for (int i = 0; i < 5; i++)
    {
        Generate(context, specPath, runtimeDll);
    }

    start = Counters.Now();
    wall.Restart();
    return Generate(context, specPath, runtimeDll);
}

static int NSwagParse(FolderLoadContext context, string specPath)
{
    string text = File.ReadAllText(specPath);
    return NSwag.OpenApiDocument.FromJsonAsync(text).GetAwaiter().GetResult().Operations.Count();
}

// NSwag's parse in its two phases: Json.NET's deserialization into the object model, then the walk that resolves $refs.
static int NSwagPhases(string specPath)
{
    string text = File.ReadAllText(specPath);
    var clock = Stopwatch.StartNew();
    TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    var resolver = NSwag.OpenApiDocument.GetJsonSerializerContractResolver(NJsonSchema.SchemaType.OpenApi3);
    NSwag.OpenApiDocument document = NJsonSchema.Infrastructure.JsonSchemaSerialization.FromJson<NSwag.OpenApiDocument>(text, resolver)!;
    TimeSpan cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
    long deserialize = clock.ElapsedMilliseconds;
    var references = new NJsonSchema.JsonReferenceResolver(new NJsonSchema.JsonSchemaAppender(document, new NJsonSchema.DefaultTypeNameGenerator()));
    NJsonSchema.JsonSchemaReferenceUtilities.UpdateSchemaReferencesAsync(document, references, resolver).GetAwaiter().GetResult();
    TimeSpan cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
    Console.Error.WriteLine($"deserialize {deserialize} ms wall {(int)(cpu1 - cpu0).TotalMilliseconds} ms cpu; references {clock.ElapsedMilliseconds - deserialize} ms wall {(int)(cpu2 - cpu1).TotalMilliseconds} ms cpu");
    return document.Operations.Count();
}

static int NSwagParseReflection(string specPath)
{
    string text = File.ReadAllText(specPath);
    var resolver = NSwag.OpenApiDocument.GetJsonSerializerContractResolver(NJsonSchema.SchemaType.OpenApi3);
    var seen = new HashSet<Type>();
    int swapped = 0;
    void Prime(Type? type)
    {
        if (type is null || type.IsPrimitive || type == typeof(string) || !seen.Add(type))
        {
            return;
        }

        Newtonsoft.Json.Serialization.JsonContract contract = resolver.ResolveContract(type);
        Type created = contract.CreatedType;
        if (contract.DefaultCreator is not null && !created.IsAbstract && !created.IsInterface && created.GetConstructor(Type.EmptyTypes) is { } ctor)
        {
            contract.DefaultCreator = () => ctor.Invoke(null);
        }

        switch (contract)
        {
            case Newtonsoft.Json.Serialization.JsonObjectContract o:
                foreach (Newtonsoft.Json.Serialization.JsonProperty property in o.Properties)
                {
                    MemberInfo? member = property.DeclaringType?.GetProperty(property.UnderlyingName!, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                        ?? (MemberInfo?)property.DeclaringType?.GetField(property.UnderlyingName!, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
                    if (member is not null && property.ValueProvider is Newtonsoft.Json.Serialization.ExpressionValueProvider)
                    {
                        property.ValueProvider = new Newtonsoft.Json.Serialization.ReflectionValueProvider(member);
                        swapped++;
                    }

                    Prime(property.PropertyType);
                }

                break;
            case Newtonsoft.Json.Serialization.JsonArrayContract a:
                Prime(a.CollectionItemType);
                break;
            case Newtonsoft.Json.Serialization.JsonDictionaryContract d:
                Prime(d.DictionaryValueType);
                break;
        }

        if (created != type)
        {
            Prime(created);
        }
    }

    Prime(typeof(NSwag.OpenApiDocument));
    Console.Error.WriteLine($"primed {seen.Count} types, {swapped} value providers");
    return NSwag.OpenApiDocument.FromJsonAsync(text).GetAwaiter().GetResult().Operations.Count();
}

static int JsonPass(FolderLoadContext context, string specPath)
{
    using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(File.ReadAllText(specPath))) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None, MaxDepth = null };
    int tokens = 0;
    while (reader.Read())
    {
        tokens++;
    }

    return tokens;
}

/// <summary>What the runtime has counted so far in this process: CPU, JIT, garbage collection and allocation.</summary>
internal sealed record Counters(TimeSpan Cpu, long JitMethods, TimeSpan JitTime, TimeSpan GcPause, int Gen0Collections, long AllocatedBytes)
{
    public static Counters Now() => new(
        Process.GetCurrentProcess().TotalProcessorTime,
        System.Runtime.JitInfo.GetCompiledMethodCount(),
        System.Runtime.JitInfo.GetCompilationTime(),
        GC.GetTotalPauseDuration(),
        GC.CollectionCount(0),
        GC.GetTotalAllocatedBytes(precise: false));
}

internal sealed class FolderLoadContext(string folder) : AssemblyLoadContext("analyzers")
{
    public string Folder { get; } = folder;

    protected override Assembly? Load(AssemblyName name)
    {
        string candidate = Path.Combine(Folder, name.Name + ".dll");
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }
}

internal sealed class SpecText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path => path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

internal sealed class SpecOptions : AnalyzerConfigOptionsProvider
{
    private readonly Options _marked = new(ImmutableDictionary<string, string>.Empty
        .Add("build_metadata.AdditionalFiles.AtlasApiSpec", "true")
        .Add("build_metadata.AdditionalFiles.AtlasNamespace", "Consumer.Atlas"));

    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(ImmutableDictionary<string, string>.Empty);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _marked;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
