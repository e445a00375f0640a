using System.Linq;
using System.Reflection;
using AtlasAccessGen.Generator.Diagnostics;
using AtlasAccessGen.Generator.Emit;
using AtlasAccessGen.Generator.Input;
using AtlasAccessGen.Generator.Model;
using AtlasAccessGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AtlasAccessGen.Generator
{
    /// <summary>
    /// Generates typed models, converters and clients from every <c>AtlasApiSpec</c> item:
    /// AdditionalText -> <see cref="SpecInput"/> -> <see cref="ParseResult"/> -> C# source and diagnostics.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class AtlasApiGenerator : IIncrementalGenerator
    {
        internal static readonly string Version =
            typeof(AtlasApiGenerator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(AtlasApiGenerator).Assembly.GetName().Version?.ToString()
            ?? "0.0.0";

        /// <summary>The generated clients stand on the runtime; without it only models are generated.</summary>
        internal const string RuntimeMarkerType = "AtlasAccessGen.Runtime.AtlasTransport";

        /// <summary>With it (and IHttpClientFactory), an <c>AddAtlasClient</c> registration is generated too.</summary>
        internal const string DependencyInjectionMarkerType = "AtlasAccessGen.Runtime.DependencyInjection.AtlasServices";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            ColdStart.WarmUpInBackground();

            IncrementalValuesProvider<SpecInput> inputs = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Where(pair => SpecInputReader.IsSpec(pair.Left, pair.Right))
                .Select((pair, cancellationToken) => SpecInputReader.Read(pair.Left, pair.Right, cancellationToken))
                .WithTrackingName(TrackingNames.SpecInputs);

            // Only a small equatable value leaves the parse options, so a C# edit never invalidates the specs.
            IncrementalValueProvider<LanguageSettings> languageVersion = context.ParseOptionsProvider
                .Select((options, _) => new LanguageSettings(options is CSharpParseOptions csharp ? csharp.LanguageVersion.MapSpecifiedToEffectiveVersion() : LanguageVersion.Latest))
                .WithTrackingName(TrackingNames.Settings);

            // Each spec's parse starts on a thread of its own as soon as its text is read (#16), so the compiler work
            // below, done on this thread, runs beside it instead of before or after it.
            IncrementalValuesProvider<ParseJob> parseJobs = inputs
                .Select(static (input, cancellationToken) => ParseJob.Start(input, cancellationToken));

            // Two bools, so a C# edit that does not add or remove a reference leaves emission cached.
            IncrementalValueProvider<RuntimeFeatures> runtime = context.CompilationProvider
                .Combine(parseJobs.Collect())
                .Select(static (pair, _) => RuntimeFeatures.Of(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.RuntimeReference);

            // The driver reads a Combine's left input first: the jobs start, the runtime lookup runs, then this waits.
            IncrementalValuesProvider<ParseResult> parsed = parseJobs
                .Combine(runtime)
                .Select(static (pair, _) => pair.Left.Result)
                .WithTrackingName(TrackingNames.ParsedSpecs);

            IncrementalValuesProvider<ApiSpec> specs = parsed
                .Where(result => result.Spec is not null)
                .Select((result, _) => result.Spec!)
                .WithTrackingName(TrackingNames.Specs);

            // Each project file that holds AtlasApiSpec items, reduced to the positions of its items and properties,
            // so a problem with metadata points at the project file (#15); equatable, so a C# edit re-runs nothing.
            IncrementalValueProvider<ImmutableEquatableArray<ProjectFileMap>> projectFiles =
                ReadAll(context, ProjectFileMap.IsProjectFile, ProjectFileMap.Read, TrackingNames.ProjectFiles);

            IncrementalValuesProvider<DiagnosticInfo> diagnostics = parsed
                .SelectMany((result, _) => result.Diagnostics)
                .Combine(projectFiles)
                .Select((pair, _) => ProjectFileMap.Locate(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.Diagnostics);

            context.RegisterSourceOutput(diagnostics, static (context, diagnostic) => context.ReportDiagnostic(diagnostic.ToDiagnostic()));

            // Only the namespace and path of each spec meet here, so editing one spec never re-emits another.
            IncrementalValueProvider<ImmutableEquatableArray<NamespaceClaim>> sharedNamespaces = inputs
                .Select((input, _) => new NamespaceClaim(input.Namespace, input.Path))
                .Collect()
                .Select((claims, _) => claims.GroupBy(claim => claim.Namespace).Where(group => group.Count() > 1).SelectMany(group => group).ToImmutableEquatableArray());

            // ATLAS009 is reported here rather than beside emission, so it can point at the item's Namespace in the
            // project file without a project-file edit re-emitting any source (#15).
            IncrementalValuesProvider<DiagnosticInfo> namespaceClashes = specs
                .Combine(sharedNamespaces)
                .Select((pair, _) => pair.Right.FirstOrDefault(claim => claim.Namespace == pair.Left.Namespace && claim.Path != pair.Left.SpecPath) is { } other
                    ? DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateNamespace, null, pair.Left.SpecFileName, pair.Left.Namespace, System.IO.Path.GetFileName(other.Path))
                        with { Location = new LocationInfo(pair.Left.SpecPath, 0, 0), Anchor = pair.Left.NamespaceAnchor }
                    : null)
                .Where(clash => clash is not null)
                .Combine(projectFiles)
                .Select((pair, _) => ProjectFileMap.Locate(pair.Left!, pair.Right))
                .WithTrackingName(TrackingNames.NamespaceClashes);

            context.RegisterSourceOutput(namespaceClashes, static (context, diagnostic) => context.ReportDiagnostic(diagnostic.ToDiagnostic()));

            // The lock file `atlas-spec update` writes beside a spec: the names code written against earlier states uses.
            // Its own output, so adding or editing a lock re-emits one file and never the models or clients.
            IncrementalValueProvider<ImmutableEquatableArray<SpecLock>> locks =
                ReadAll(context, SpecLockReader.IsLock, SpecLockReader.Read, TrackingNames.SpecLocks);

            IncrementalValuesProvider<(ApiSpec Spec, PreviousNamesModel Names)> previousNames = specs
                .Combine(locks)
                .Select((pair, _) => pair.Right.FirstOrDefault(l => ProjectFileMap.PathEquals(l.Path, SpecLock.PathFor(pair.Left.SpecPath))) is { } specLock
                    ? (pair.Left, PreviousNamesReader.Read(pair.Left, specLock))
                    : (pair.Left, null!))
                .Where(pair => pair.Item2 is not null)
                .WithTrackingName(TrackingNames.PreviousNames);

            context.RegisterSourceOutput(previousNames.Combine(languageVersion).Combine(sharedNamespaces).Combine(runtime), static (context, source) =>
            {
                ((((ApiSpec spec, PreviousNamesModel names), LanguageSettings language), ImmutableEquatableArray<NamespaceClaim> shared), RuntimeFeatures features) = source;
                if (language.Version < LanguageVersion.CSharp11 || shared.Any(claim => claim.Namespace == spec.Namespace && claim.Path != spec.SpecPath))
                {
                    // Nothing else is generated for the spec then (ATLAS010, ATLAS009), so there is nothing to forward to.
                    return;
                }

                foreach (DiagnosticInfo diagnostic in names.Diagnostics)
                {
                    context.ReportDiagnostic(diagnostic.ToDiagnostic());
                }

                if (SpecEmitter.EmitPreviousNames(spec, names, Version, features.Clients) is { } file)
                {
                    context.AddSource(file.HintName, SourceText.From(file.Source, System.Text.Encoding.UTF8));
                }
            });

            // What each spec is emitted with, or why it is not (ATLAS010, ATLAS009, ATLAS011).
            IncrementalValuesProvider<EmissionPlan> plans = specs.Combine(languageVersion).Combine(sharedNamespaces).Combine(runtime)
                .Select(static (source, _) =>
                {
                    (((ApiSpec spec, LanguageSettings language), ImmutableEquatableArray<NamespaceClaim> shared), RuntimeFeatures features) = source;
                    return EmissionPlan.For(spec, language.Version, shared, features);
                })
                .WithTrackingName(TrackingNames.EmissionPlans);

            context.RegisterSourceOutput(plans.SelectMany(static (plan, _) => plan.Diagnostics), static (context, diagnostic) => context.ReportDiagnostic(diagnostic.ToDiagnostic()));

            // Models and clients are emitted apart, the models from the spec without its operations: an edit of an
            // operation (its summary, a parameter) then re-emits the clients only, and a schema edit both (#16).
            IncrementalValuesProvider<EmittedFiles> models = plans
                .Where(static plan => plan.Spec is not null)
                .Select(static (plan, _) => new ModelEmission(plan.Spec!.WithoutOperations(), plan.WithClients))
                .Select(static (models, cancellationToken) => EmittedFiles.From(models.Spec, () => SpecEmitter.EmitModels(models.Spec, Version, models.WithRuntime, cancellationToken)))
                .WithTrackingName(TrackingNames.EmittedModels);
            IncrementalValuesProvider<EmittedFiles> clients = plans
                .Where(static plan => plan.Spec is not null && plan.WithClients)
                .Select(static (plan, cancellationToken) => EmittedFiles.From(plan.Spec!, () => SpecEmitter.EmitClients(plan.Spec!, Version, plan.WithDependencyInjection, cancellationToken)))
                .WithTrackingName(TrackingNames.EmittedClients);

            // Each file is then an output of its own, so the driver compares texts and adds again only the files that
            // changed, and the compiler keeps the others' syntax trees.
            foreach (IncrementalValuesProvider<EmittedFiles> emitted in new[] { models, clients })
            {
                context.RegisterSourceOutput(emitted.SelectMany(static (files, _) => files.Diagnostics), static (context, diagnostic) => context.ReportDiagnostic(diagnostic.ToDiagnostic()));
                context.RegisterSourceOutput(
                    emitted.SelectMany(static (files, _) => files.Files).WithTrackingName(TrackingNames.GeneratedFiles),
                    static (context, file) => context.AddSource(file.HintName, SourceText.From(file.Source, System.Text.Encoding.UTF8)));
            }
        }

        /// <summary>The additional files <paramref name="isOne"/> picks, each read by <paramref name="read"/>, as one equatable array.</summary>
        private static IncrementalValueProvider<ImmutableEquatableArray<T>> ReadAll<T>(
            IncrementalGeneratorInitializationContext context,
            System.Func<AdditionalText, Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider, bool> isOne,
            System.Func<AdditionalText, System.Threading.CancellationToken, T> read,
            string trackingName)
            where T : System.IEquatable<T> =>
            context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Where(pair => isOne(pair.Left, pair.Right))
                .Select((pair, cancellationToken) => read(pair.Left, cancellationToken))
                .WithTrackingName(trackingName)
                .Collect()
                .Select((all, _) => all.ToImmutableEquatableArray());
    }
}

namespace AtlasAccessGen.Generator.Input
{
    /// <summary>Which spec generates into which namespace; two specs must not share one.</summary>
    internal sealed record NamespaceClaim(string Namespace, string Path);

    /// <summary>What the consuming project references: the runtime (clients), and its DI registration support.</summary>
    /// <remarks>
    /// This and <see cref="LanguageSettings"/> are classes, not structs: Roslyn's driver code over reference types is
    /// shared and ahead-of-time compiled, while every pipeline node over a struct is JIT-compiled in each fresh compiler.
    /// </remarks>
    internal sealed record RuntimeFeatures(bool Clients, bool DependencyInjection)
    {
        /// <summary>What <paramref name="compilation"/> references; <paramref name="parsing"/> are the specs' parse jobs.</summary>
        /// <remarks>
        /// In a fresh compiler both steps here are the compiler's own first-time work, charged to whichever generator
        /// asks first (#16, BENCHMARKS.md section 12): the first <c>GetTypeByMetadataName</c> binds every
        /// reference, and the first diagnostic a generator reports makes the compiler bind the assembly's attributes to
        /// look for <c>[assembly: SuppressMessage]</c>. Done while a spec is still parsing on its own thread, this thread
        /// would only wait meanwhile; once every parse is done (an IDE's later runs), nothing is bound ahead.
        /// </remarks>
        public static RuntimeFeatures Of(Compilation compilation, System.Collections.Immutable.ImmutableArray<ParseJob> parsing)
        {
            var features = new RuntimeFeatures(
                compilation.GetTypeByMetadataName(AtlasApiGenerator.RuntimeMarkerType) is not null,
                compilation.GetTypeByMetadataName(AtlasApiGenerator.DependencyInjectionMarkerType) is not null && compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IHttpClientBuilder") is not null);
            if (parsing.Any(job => !job.IsDone))
            {
                _ = compilation.Assembly.GetAttributes();
                _ = compilation.SourceModule.GetAttributes();
            }

            return features;
        }
    }

    /// <summary>The project's effective C# version (the generated code needs C# 11).</summary>
    internal sealed record LanguageSettings(LanguageVersion Version);

    /// <summary>A spec to emit and what with; Spec is null when nothing can be emitted (the diagnostics say why).</summary>
    internal sealed record EmissionPlan(ApiSpec? Spec, bool WithClients, bool WithDependencyInjection, ImmutableEquatableArray<DiagnosticInfo> Diagnostics)
    {
        public static EmissionPlan For(ApiSpec spec, LanguageVersion version, ImmutableEquatableArray<NamespaceClaim> shared, RuntimeFeatures features)
        {
            var location = new LocationInfo(spec.SpecPath, 0, 0);
            if (version < LanguageVersion.CSharp11)
            {
                return Nothing(DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooLow, null, spec.SpecFileName, version.ToDisplayString()) with { Location = location });
            }

            if (shared.Any(claim => claim.Namespace == spec.Namespace && claim.Path != spec.SpecPath))
            {
                // ATLAS009, reported by namespaceClashes.
                return Nothing();
            }

            var diagnostics = !features.Clients && spec.Clients.Count > 0
                ? new[] { DiagnosticInfo.Create(DiagnosticDescriptors.RuntimeNotReferenced, null, spec.SpecFileName) with { Location = location } }
                : System.Array.Empty<DiagnosticInfo>();
            return new EmissionPlan(spec, features.Clients, features.Clients && features.DependencyInjection, diagnostics.ToImmutableEquatableArray());
        }

        private static EmissionPlan Nothing(params DiagnosticInfo[] diagnostics) => new EmissionPlan(null, false, false, diagnostics.ToImmutableEquatableArray());
    }

    /// <summary>What the model files are emitted from: <see cref="ApiSpec.WithoutOperations"/>, and whether the runtime is referenced.</summary>
    internal sealed record ModelEmission(ApiSpec Spec, bool WithRuntime);

    /// <summary>Generated files, or why there are none; compared by value, file by file.</summary>
    internal sealed record EmittedFiles(ImmutableEquatableArray<Emit.GeneratedFile> Files, ImmutableEquatableArray<DiagnosticInfo> Diagnostics)
    {
        public static EmittedFiles From(ApiSpec spec, System.Func<System.Collections.Generic.IEnumerable<Emit.GeneratedFile>> emit)
        {
            try
            {
                return new EmittedFiles(emit().ToImmutableEquatableArray(), ImmutableEquatableArray<DiagnosticInfo>.Empty);
            }
            catch (System.Exception e) when (e is not System.OperationCanceledException)
            {
                // As in parsing: an exception here would surface as CS8785 and drop every file silently.
                var error = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, spec.SpecFileName, e.GetType().Name + ": " + e.Message)
                    with { Location = new LocationInfo(spec.SpecPath, 0, 0) };
                return new EmittedFiles(ImmutableEquatableArray<Emit.GeneratedFile>.Empty, new[] { error }.ToImmutableEquatableArray());
            }
        }
    }
}
