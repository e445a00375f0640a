using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Xml;
using System.Xml.Linq;
using AtlasAccessGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AtlasAccessGen.Generator.Input
{
    /// <summary>
    /// What a problem with an item's metadata or a project-wide property points at: the project file that
    /// holds it (an imported .props included), the item as written in its <c>Include</c> (null for a
    /// property), and the metadata or property name.
    /// </summary>
    internal sealed record ProjectAnchor(string ProjectPath, string? ItemSpec, string Name);

    /// <summary>
    /// Where an <c>AtlasApiSpec</c> item's values are written: the file that defines the item, its Include as
    /// written, and the project (for values that come from a property). Null paths: an older build that does not say.
    /// </summary>
    internal sealed record SpecOrigin(string? DefiningProject, string ItemSpec, string? ProjectPath, bool ApiVersionFromProperty, bool NamespaceFromProperty)
    {
        /// <summary>The anchor of an item metadata name (Namespace, ApiVersion, Tags, Operations), or of the property it came from.</summary>
        public ProjectAnchor? For(string metadata) => metadata switch
        {
            "ApiVersion" when ApiVersionFromProperty => Property("AtlasApiVersion"),
            "Namespace" when NamespaceFromProperty => Property("RootNamespace"),
            _ => DefiningProject is null ? null : new ProjectAnchor(DefiningProject, ItemSpec, metadata),
        };

        private ProjectAnchor? Property(string name) => ProjectPath is null ? null : new ProjectAnchor(ProjectPath, null, name);
    }

    internal enum ProjectElementKind
    {
        ItemInclude,
        ItemUpdate,
        Property,
    }

    /// <summary>
    /// One element of a project file that can hold Atlas settings: an <c>AtlasApiSpec</c> item (the entries of
    /// its Include or Update, and the metadata it sets) or a property. Line and column are zero-based, at the '&lt;'.
    /// </summary>
    internal sealed record ProjectElement(ProjectElementKind Kind, ImmutableEquatableArray<string> Names, ImmutableEquatableArray<string> Sets, int Line, int Column);

    /// <summary>
    /// The positions of the Atlas-relevant elements of one project file, read from its AdditionalText (the
    /// build targets add each file that defines an <c>AtlasApiSpec</c> item, and the project itself). Equatable,
    /// so diagnostics are re-located only when a project file's text changes, and a C# edit re-runs nothing.
    /// </summary>
    /// <remarks>
    /// The location rule for a diagnostic about item metadata: the last <c>AtlasApiSpec</c> element (Include or
    /// Update) of the defining file that names the item exactly as written and sets that metadata (as an
    /// attribute or a child element); else the first Include element that names the item (the metadata came from
    /// an ItemDefinitionGroup, or an Update in another file); else line 1 of the defining file (an Include built
    /// from a property or a glob). For a project-wide property: the last element of that name in a PropertyGroup of
    /// the project file; else its line 1 (set in a Directory.Build.props, say: MSBuild does not tell where).
    /// </remarks>
    internal sealed record ProjectFileMap(string Path, ImmutableEquatableArray<ProjectElement> Elements)
    {
        private const string ItemName = "AtlasApiSpec";

        public static bool IsProjectFile(AdditionalText file, AnalyzerConfigOptionsProvider options) =>
            options.GetOptions(file).TryGetValue(SpecInputReader.MetadataPrefix + SpecInputReader.ProjectFileMetadata, out string? marker)
            && string.Equals(marker, "true", StringComparison.OrdinalIgnoreCase);

        public static ProjectFileMap Read(AdditionalText file, CancellationToken cancellationToken)
        {
            string? text = file.GetText(cancellationToken)?.ToString();
            var elements = new List<ProjectElement>();
            if (text is not null)
            {
                try
                {
                    Collect(text, elements, cancellationToken);
                }
                catch (XmlException)
                {
                    // MSBuild has read the file, so this is rare (an edit in progress); every anchor then falls back to line 1.
                    elements.Clear();
                }
            }

            return new ProjectFileMap(file.Path, elements.ToImmutableEquatableArray());
        }

        /// <summary>Gives the diagnostic its place in the project file when it is about metadata or a property; others pass unchanged.</summary>
        public static DiagnosticInfo Locate(DiagnosticInfo diagnostic, ImmutableEquatableArray<ProjectFileMap> maps)
        {
            if (diagnostic.Anchor is not { } anchor)
            {
                return diagnostic;
            }

            ProjectFileMap? map = maps.FirstOrDefault(m => PathEquals(m.Path, anchor.ProjectPath));
            ProjectElement? element = map?.Find(anchor);
            return diagnostic with { Location = new LocationInfo(anchor.ProjectPath, element?.Line ?? 0, element?.Column ?? 0) };
        }

        private ProjectElement? Find(ProjectAnchor anchor)
        {
            if (anchor.ItemSpec is not { } itemSpec)
            {
                return Elements.LastOrDefault(e => e.Kind == ProjectElementKind.Property && e.Names.Any(name => NameEquals(name, anchor.Name)));
            }

            string wanted = NormalizeItemSpec(itemSpec);
            var naming = Elements.Where(e => e.Kind != ProjectElementKind.Property && e.Names.Any(name => NormalizeItemSpec(name) == wanted)).ToList();
            return naming.LastOrDefault(e => e.Sets.Any(name => NameEquals(name, anchor.Name)))
                ?? naming.FirstOrDefault(e => e.Kind == ProjectElementKind.ItemInclude);
        }

        private static void Collect(string text, List<ProjectElement> elements, CancellationToken cancellationToken)
        {
            // No DTDs and no resolver: the generator reads nothing but the text it was given.
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(text), settings);
            XDocument document = XDocument.Load(reader, LoadOptions.SetLineInfo);
            foreach (XElement element in document.Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                string? parent = element.Parent?.Name.LocalName;
                if (parent == "ItemGroup" && element.Name.LocalName == ItemName)
                {
                    AddItem(element, elements);
                }
                else if (parent == "PropertyGroup")
                {
                    elements.Add(Create(element, ProjectElementKind.Property, new[] { element.Name.LocalName }, Array.Empty<string>()));
                }
            }
        }

        private static void AddItem(XElement element, List<ProjectElement> elements)
        {
            var kind = element.Attribute("Include") is not null ? ProjectElementKind.ItemInclude : ProjectElementKind.ItemUpdate;
            string? names = (string?)element.Attribute("Include") ?? (string?)element.Attribute("Update");
            if (names is null)
            {
                return;
            }

            var sets = element.Attributes()
                .Select(attribute => attribute.Name.LocalName)
                .Where(name => name is not ("Include" or "Update" or "Exclude" or "Remove" or "Condition" or "KeepMetadata" or "RemoveMetadata" or "KeepDuplicates" or "MatchOnMetadata" or "MatchOnMetadataOptions"))
                .Concat(element.Elements().Select(child => child.Name.LocalName));
            elements.Add(Create(element, kind, names.Split(';').Select(name => name.Trim()).Where(name => name.Length > 0), sets));
        }

        private static ProjectElement Create(XElement element, ProjectElementKind kind, IEnumerable<string> names, IEnumerable<string> sets)
        {
            var info = (IXmlLineInfo)element;

            // LinePosition is one-based at the element's name; the '<' before it is zero-based LinePosition - 2.
            return new ProjectElement(kind, names.ToImmutableEquatableArray(), sets.ToImmutableEquatableArray(), Math.Max(0, info.LineNumber - 1), Math.Max(0, info.LinePosition - 2));
        }

        private static string NormalizeItemSpec(string itemSpec) => itemSpec.Trim().Replace('\\', '/').ToUpperInvariant();

        // MSBuild names (properties, metadata) are case-insensitive.
        private static bool NameEquals(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        internal static bool PathEquals(string a, string b) => string.Equals(a.Replace('\\', '/'), b.Replace('\\', '/'), StringComparison.OrdinalIgnoreCase);
    }
}
