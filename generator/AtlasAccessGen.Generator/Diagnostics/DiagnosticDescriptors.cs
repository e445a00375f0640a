using Microsoft.CodeAnalysis;

namespace AtlasAccessGen.Generator.Diagnostics
{
    /// <summary>
    /// Every diagnostic the generator reports. Messages name the spec file, the JSON pointer where one
    /// is known, and end with a fix; the location carries the line and column inside the spec file.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "AtlasAccessGen";

        public static DiagnosticDescriptor UnreadableSpec { get; } = Create(
            "ATLAS001",
            "The API spec cannot be read",
            "{0}: the spec is not valid {1}: {2}. Fix the syntax at the reported line, or re-vendor the file from upstream.",
            DiagnosticSeverity.Error);

        public static DiagnosticDescriptor UnresolvedReference { get; } = Create(
            "ATLAS002",
            "A $ref cannot be resolved",
            "{0}: the $ref '{1}' at '{2}' cannot be resolved. Fix: point it at an existing '#/components/...' entry in the same file (external files are not read).",
            DiagnosticSeverity.Error);

        public static DiagnosticDescriptor UnsupportedConstruct { get; } = Create(
            "ATLAS003",
            "A schema construct is not supported",
            "{0}: {1} at '{2}' is not supported, so it is generated as raw JSON (JsonElement). Fix: {3}.",
            DiagnosticSeverity.Warning);

        public static DiagnosticDescriptor TypeNameCollision { get; } = Create(
            "ATLAS004",
            "Two schemas map to the same C# type name",
            "{0}: the schema '{1}' maps to the C# name '{2}', which {3} already uses, so it is generated as '{4}'. Fix: rename one schema if the generated name matters to you.",
            DiagnosticSeverity.Warning);

        public static DiagnosticDescriptor InvalidItemMetadata { get; } = Create(
            "ATLAS005",
            "Invalid AtlasApiSpec metadata",
            "{0}: the {1} '{2}' is not valid: {3}",
            DiagnosticSeverity.Error);

        public static DiagnosticDescriptor UnsupportedSpecFormat { get; } = Create(
            "ATLAS006",
            "The API spec is not JSON or YAML",
            "{0}: an AtlasApiSpec must be an OpenAPI document in JSON (.json) or YAML (.yaml, .yml). Fix: list the OpenAPI file itself, or rename it with the extension of its format.",
            DiagnosticSeverity.Error);

        public static DiagnosticDescriptor NotOpenApi3 { get; } = Create(
            "ATLAS007",
            "The API spec is not an OpenAPI 3 document",
            "{0}: the document declares no 'openapi: 3.x' version ({1}). Fix: vendor the OpenAPI 3 form of the Atlas Admin API (openapi/v2.json upstream).",
            DiagnosticSeverity.Error);

        public static DiagnosticDescriptor DiscriminatorTargetShared { get; } = Create(
            "ATLAS008",
            "A discriminator mapping target already has a base type",
            "{0}: the discriminator of '{1}' maps '{2}' to '{3}', which derives from {4} instead; a C# class has one base, so those values read as '{5}' with the raw JSON kept. Fix: none needed unless you need typed access to those values.",
            DiagnosticSeverity.Info);

        public static DiagnosticDescriptor DuplicateNamespace { get; } = Create(
            "ATLAS009",
            "Two specs generate into the same namespace",
            "{0}: the namespace '{1}' is already generated from '{2}'. Fix: give each AtlasApiSpec its own Namespace.",
            DiagnosticSeverity.Error);

        public static DiagnosticDescriptor LanguageVersionTooLow { get; } = Create(
            "ATLAS010",
            "The C# language version is too low for the generated code",
            "{0}: the generated client needs C# 11 or later (the project uses C# {1}). Fix: set <LangVersion>11</LangVersion> or later, or target .NET 8 or later.",
            DiagnosticSeverity.Error);

        public static DiagnosticDescriptor UntypedUnion { get; } = Create(
            "ATLAS011",
            "A union the generator cannot type is kept as raw JSON",
            "{0}: the oneOf/anyOf at '{1}' {2}; it is generated as JsonElement with the JSON kept whole. Fix: {3}.",
            DiagnosticSeverity.Info);

        public static DiagnosticDescriptor UnknownApiVersion { get; } = Create(
            "ATLAS013",
            "The spec has no preview version to pin",
            "{0}: the ApiVersion '{1}' names no version of this spec, so nothing is generated. Its versions: {2}. Fix: pin a date (each operation then calls its newest version on or before it), or remove the pin to use the newest stable version of each operation.",
            DiagnosticSeverity.Error);

        public static DiagnosticDescriptor OperationLeftOut { get; } = Create(
            "ATLAS014",
            "An operation is left out of the pinned API version",
            "{0}: the operation '{1}' is left out: {2}. Fix: none needed unless you call it; then {3}.",
            DiagnosticSeverity.Info);

        public static DiagnosticDescriptor RuntimeNotReferenced { get; } = Create(
            "ATLAS015",
            "AtlasAccessGen.Runtime is not referenced",
            "{0}: the project does not reference AtlasAccessGen.Runtime, so only the models are generated, not the clients, and they drop the JSON properties their spec does not declare. Fix: add a PackageReference to AtlasAccessGen.Runtime.",
            DiagnosticSeverity.Warning);

        public static DiagnosticDescriptor FilterMatchesNothing { get; } = Create(
            "ATLAS016",
            "A Tags or Operations filter matches no operation",
            "{0}: the {1} filter '{2}' matches no operation in the spec, so it selects nothing. Fix: use names the spec declares, e.g. {3}.",
            DiagnosticSeverity.Warning);

        public static DiagnosticDescriptor OperationNotGenerated { get; } = Create(
            "ATLAS017",
            "An operation cannot be generated",
            "{0}: the operation '{1}' is left out: {2}. Fix: none in your project; call it through HttpClient directly if you need it, or report the spec shape.",
            DiagnosticSeverity.Warning);

        public static DiagnosticDescriptor InvalidPattern { get; } = Create(
            "ATLAS018",
            "A parameter pattern is not a valid regular expression",
            "{0}: the pattern of parameter '{1}' at '{2}' is not a regular expression .NET can run ({3}), so that argument is not checked before sending. Fix: correct the pattern in the spec.",
            DiagnosticSeverity.Warning);

        public static DiagnosticDescriptor InternalError { get; } = Create(
            "ATLAS099",
            "The generator failed",
            "{0}: the generator failed unexpectedly ({1}). Nothing was generated for this spec. Please report it with the spec that caused it.",
            DiagnosticSeverity.Error);

        // Ids from ATLAS030 on: spec robustness (limits checked before parsing, reference and inheritance checks).
        public static DiagnosticDescriptor NestingTooDeep { get; } = Create(
            "ATLAS030",
            "The API spec nests too deep",
            "{0}: objects and arrays nest more than {1} levels deep at '{2}', so the spec is not read (a deeper document could overflow the compiler's stack). Fix: move deep inline schemas to components/schemas and $ref them, or shorten the deep example.",
            DiagnosticSeverity.Error);

        public static DiagnosticDescriptor YamlAliasExpansionTooLarge { get; } = Create(
            "ATLAS031",
            "YAML aliases expand the API spec too far",
            "{0}: the YAML alias '*{1}' {2}, so the spec is not read. Fix: define the repeated content once under components and $ref it instead of repeating it through anchors and aliases.",
            DiagnosticSeverity.Error);

        public static DiagnosticDescriptor ReferenceToWrongKind { get; } = Create(
            "ATLAS032",
            "A $ref points at the wrong kind of object",
            "{0}: the $ref '{1}' at '{2}' points at {3}, but {4} belongs there, so the spec is not read. Fix: point it at an entry of '#/components/{5}'.",
            DiagnosticSeverity.Error);

        public static DiagnosticDescriptor ReferenceCycle { get; } = Create(
            "ATLAS033",
            "$refs form a cycle that never reaches a definition",
            "{0}: the $ref at '{1}' is part of a cycle of references that never reaches a definition ({2}), so the spec is not read. Fix: replace one $ref of the cycle with the object it should stand for.",
            DiagnosticSeverity.Error);

        public static DiagnosticDescriptor InheritanceTooDeep { get; } = Create(
            "ATLAS034",
            "An inheritance chain is too deep",
            "{0}: the schema '{1}' has more than {2} base types above it (through allOf or discriminator mappings), so it and every schema derived from it are generated as raw JSON (JsonElement): each level repeats all inherited members, and deeper chains grow the generated code without bound. Fix: flatten the inheritance chain in the spec.",
            DiagnosticSeverity.Warning);

        public static DiagnosticDescriptor InheritanceCycle { get; } = Create(
            "ATLAS035",
            "Two schemas inherit from each other",
            "{0}: '{1}' would derive from '{2}', which already derives from '{1}' (through allOf or a discriminator mapping); a C# class cannot be its own base, so '{1}' is generated without that base. Fix: make only one of them the base of the other.",
            DiagnosticSeverity.Warning);

        public static DiagnosticDescriptor InvalidParameter { get; } = Create(
            "ATLAS036",
            "A parameter lacks a required field",
            "{0}: the parameter at '{1}' has no '{2}', so the operation '{3}' is left out. Fix: give the parameter its '{2}', as OpenAPI requires.",
            DiagnosticSeverity.Warning);

        public static DiagnosticDescriptor NullValue { get; } = Create(
            "ATLAS037",
            "A value is null where OpenAPI needs one",
            "{0}: '{1}' is null, which OpenAPI allows only in examples, defaults, enums and x- extensions. Fix: give it its value, or remove the key.",
            DiagnosticSeverity.Error);

        // Ids from ATLAS040 on: upgrading a vendored spec (the lock file atlas-spec update writes beside it).
        public static DiagnosticDescriptor UnreadableSpecLock { get; } = Create(
            "ATLAS040",
            "The spec's lock file cannot be read",
            "{0}: the lock file cannot be read ({1}), so no method keeps a name from before the last spec update. Fix: run 'atlas-spec update' again, or restore the file from version control.",
            DiagnosticSeverity.Warning);

        public static DiagnosticDescriptor OperationRemoved { get; } = Create(
            "ATLAS041",
            "An operation was removed by a spec update",
            "{0}: the operation {1} ('{2}', method {3}) was removed from the spec since {4}; a call of {3} now fails to compile with this explanation (CS0619). Fix: replace those calls, or keep the operation by vendoring a spec that still has it.",
            DiagnosticSeverity.Info);

        public static DiagnosticDescriptor PreviousNameTaken { get; } = Create(
            "ATLAS042",
            "A previous method name now calls another operation",
            "{0}: {1} called {2} before the spec update from {3}, and now calls {4}, so code written before the update compiles but sends another request. Fix: check every call of {1}; calls meant for {2} must use {5}.",
            DiagnosticSeverity.Warning);

        public static DiagnosticDescriptor PropertyRemoved { get; } = Create(
            "ATLAS043",
            "A property was removed by a spec update",
            "{0}: the property '{1}' of schema '{2}' ({3}.{4}) was removed from the spec since {5}; code that uses {3}.{4} now fails to compile with this explanation (CS0619). Fix: stop using it; the server no longer documents it.",
            DiagnosticSeverity.Info);

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
            new DiagnosticDescriptor(
                id,
                title,
                message,
                Category,
                severity,
                isEnabledByDefault: true,
                helpLinkUri: "https://github.com/atlasaccessgen/atlasaccessgen/blob/main/README.md#" + id.ToLowerInvariant());
    }
}
