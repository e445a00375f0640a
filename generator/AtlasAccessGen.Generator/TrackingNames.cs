namespace AtlasAccessGen.Generator
{
    /// <summary>Names of the pipeline steps, so tests can assert on each step's run reason.</summary>
    public static class TrackingNames
    {
        public const string SpecInputs = nameof(SpecInputs);
        public const string Settings = nameof(Settings);
        public const string ParsedSpecs = nameof(ParsedSpecs);
        public const string Specs = nameof(Specs);
        public const string Diagnostics = nameof(Diagnostics);
        public const string RuntimeReference = nameof(RuntimeReference);
        public const string ProjectFiles = nameof(ProjectFiles);
        public const string NamespaceClashes = nameof(NamespaceClashes);
        public const string SpecLocks = nameof(SpecLocks);
        public const string PreviousNames = nameof(PreviousNames);
        public const string EmissionPlans = nameof(EmissionPlans);
        public const string EmittedModels = nameof(EmittedModels);
        public const string EmittedClients = nameof(EmittedClients);
        public const string GeneratedFiles = nameof(GeneratedFiles);
    }
}
