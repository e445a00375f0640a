using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AtlasAccessGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AtlasAccessGen.Generator.Input
{
    /// <summary>
    /// Turns an <c>AdditionalFiles</c> item that the build targets marked as an <c>AtlasApiSpec</c> into a
    /// <see cref="SpecInput"/>. MSBuild metadata reaches us through the generated .editorconfig, which
    /// cannot carry ';' safely, so the targets turn list separators into '|'.
    /// </summary>
    internal static class SpecInputReader
    {
        public const string MetadataPrefix = "build_metadata.AdditionalFiles.";
        public const string MarkerMetadata = "AtlasApiSpec";
        public const string NamespaceMetadata = "AtlasNamespace";
        public const string ApiVersionMetadata = "AtlasApiVersion";
        public const string TagsMetadata = "AtlasTags";
        public const string OperationsMetadata = "AtlasOperations";
        public const string DefiningProjectMetadata = "AtlasDefiningProject";
        public const string ItemSpecMetadata = "AtlasItemSpec";
        public const string ProjectFileMetadata = "AtlasProjectFile";
        public const string ApiVersionProperty = "build_property.AtlasApiVersion";
        public const string RootNamespaceProperty = "build_property.RootNamespace";
        public const string ProjectPathProperty = "build_property.MSBuildProjectFullPath";

        public static bool IsSpec(AdditionalText file, AnalyzerConfigOptionsProvider options) =>
            options.GetOptions(file).TryGetValue(MetadataPrefix + MarkerMetadata, out string? marker)
            && string.Equals(marker, "true", StringComparison.OrdinalIgnoreCase);

        public static SpecInput Read(AdditionalText file, AnalyzerConfigOptionsProvider optionsProvider, CancellationToken cancellationToken)
        {
            AnalyzerConfigOptions options = optionsProvider.GetOptions(file);
            AnalyzerConfigOptions global = optionsProvider.GlobalOptions;
            var errors = new List<DiagnosticInfo>();
            string fileName = System.IO.Path.GetFileName(file.Path);

            string? nsMetadata = Get(options, MetadataPrefix + NamespaceMetadata);
            string ns = nsMetadata ?? DefaultNamespace(Get(global, RootNamespaceProperty));
            string? versionMetadata = Get(options, MetadataPrefix + ApiVersionMetadata);
            string? version = versionMetadata ?? Get(global, ApiVersionProperty);

            // Where each value was written, so an error about it points at the project file rather than the spec (#15).
            var origin = new SpecOrigin(
                Get(options, MetadataPrefix + DefiningProjectMetadata),
                Get(options, MetadataPrefix + ItemSpecMetadata) ?? fileName,
                Get(global, ProjectPathProperty),
                ApiVersionFromProperty: versionMetadata is null && version is not null,
                NamespaceFromProperty: nsMetadata is null);

            if (!IsValidNamespace(ns))
            {
                errors.Add(Error(fileName, "Namespace", ns, "use a dotted C# identifier such as Contoso.Atlas", origin.For("Namespace")));
            }

            if (version is not null && !IsValidVersionSyntax(version))
            {
                errors.Add(Error(fileName, "ApiVersion", version, "use a date such as 2023-01-01, or preview", origin.For("ApiVersion")));
            }

            string? text = file.GetText(cancellationToken)?.ToString();
            return new SpecInput(
                file.Path,
                text,
                ns,
                version,
                SplitList(Get(options, MetadataPrefix + TagsMetadata)),
                SplitList(Get(options, MetadataPrefix + OperationsMetadata)),
                errors.ToImmutableEquatableArray(),
                origin);
        }

        private static DiagnosticInfo Error(string fileName, string metadata, string value, string fix, ProjectAnchor? anchor) =>
            DiagnosticInfo.Create(DiagnosticDescriptors.InvalidItemMetadata, null, fileName, metadata, value, fix) with { Anchor = anchor };

        private static string? Get(AnalyzerConfigOptions options, string key) =>
            options.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        private static string DefaultNamespace(string? rootNamespace) =>
            string.IsNullOrEmpty(rootNamespace) ? "AtlasApi" : rootNamespace + ".Atlas";

        internal static bool IsValidNamespace(string ns) =>
            ns.Split('.').All(part => SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None);

        private static bool IsValidVersionSyntax(string version) =>
            version == "preview"
            || (version.Length == 10 && DateTime.TryParseExact(version, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _));

        private static ImmutableEquatableArray<string> SplitList(string? value) =>
            value is null
                ? ImmutableEquatableArray<string>.Empty
                : value.Split(new[] { '|', ';', ',' }, StringSplitOptions.RemoveEmptyEntries)
                    .Select(item => item.Trim())
                    .Where(item => item.Length > 0)
                    .ToImmutableEquatableArray();
    }
}
