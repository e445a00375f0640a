using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace AtlasAccessGen.SpecTool;

/// <summary>What a change does to code written against the generated client.</summary>
internal enum CSharpImpact
{
    /// <summary>Existing code compiles and means the same.</summary>
    None,

    /// <summary>A method name changes; the lock file <c>update</c> writes lets the generator keep the old one as an [Obsolete] forwarder.</summary>
    Renamed,

    /// <summary>Existing code may no longer compile, or the lock cannot bridge the change.</summary>
    Breaking,
}

/// <summary>
/// One change. <see cref="Subject"/> names what changed: an operation (<c>GET /path</c>, with <c>parameter query:x</c>,
/// <c>request</c> or <c>response</c> and a media type after it) or a schema member (<c>Schema.property</c>, <c>[]</c> for
/// array items, <c>{}</c> for map values).
/// </summary>
internal sealed record SpecChange(string Kind, string Subject, string? Old, string? New, CSharpImpact CSharp, bool WireBreaking)
{
    public bool Breaking => CSharp == CSharpImpact.Breaking || WireBreaking;
}

internal sealed record DiffResult(SpecModel Old, SpecModel New, IReadOnlyList<SpecChange> Changes)
{
    public int BreakingCount => Changes.Count(c => c.Breaking);

    public int RenamedCount => Changes.Count(c => !c.Breaking && c.CSharp == CSharpImpact.Renamed);

    public int CompatibleCount => Changes.Count(c => !c.Breaking && c.CSharp != CSharpImpact.Renamed);

    public int Count(string kind) => Changes.Count(c => c.Kind == kind);

    /// <summary>Operations whose C# method name changes (a new operationId under an unchanged override does not count).</summary>
    public int CSharpRenameCount => Changes.Count(c => c.Kind == SpecDiff.OperationRenamed && c.CSharp == CSharpImpact.Renamed);
}

/// <summary>
/// Compares two <see cref="SpecModel"/>s: operations by method + path, then every component schema either side's
/// operations reach, by name. Each schema is compared once; a <c>$ref</c> compares by the name it points at.
/// </summary>
internal sealed class SpecDiff
{
    // Kinds, in the order the report lists them within an operation or a schema.
    public const string OperationAdded = "operation-added";
    public const string OperationRemoved = "operation-removed";
    public const string OperationRenamed = "operation-renamed";
    public const string OperationTagChanged = "operation-tag-changed";
    public const string OperationDeprecated = "operation-deprecated";
    public const string VersionAdded = "version-added";
    public const string VersionRemoved = "version-removed";
    public const string VersionSunset = "version-sunset";
    public const string MediaTypeAdded = "media-type-added";
    public const string MediaTypeRemoved = "media-type-removed";
    public const string ParameterAdded = "parameter-added";
    public const string ParameterRemoved = "parameter-removed";
    public const string RequestBodyAdded = "request-body-added";
    public const string RequestBodyRemoved = "request-body-removed";
    public const string RequiredChanged = "required-changed";
    public const string SchemaAdded = "schema-added";
    public const string SchemaRemoved = "schema-removed";
    public const string TypeChanged = "type-changed";
    public const string NullableChanged = "nullable-changed";
    public const string PropertyAdded = "property-added";
    public const string PropertyRemoved = "property-removed";
    public const string EnumValueAdded = "enum-value-added";
    public const string EnumValueRemoved = "enum-value-removed";
    public const string SubtypeAdded = "subtype-added";
    public const string SubtypeRemoved = "subtype-removed";
    public const string DiscriminatorChanged = "discriminator-changed";

    public static readonly string[] Kinds =
    {
        OperationAdded, OperationRemoved, OperationRenamed, OperationTagChanged, OperationDeprecated,
        VersionAdded, VersionRemoved, VersionSunset, MediaTypeAdded, MediaTypeRemoved,
        ParameterAdded, ParameterRemoved, RequestBodyAdded, RequestBodyRemoved, RequiredChanged,
        SchemaAdded, SchemaRemoved, TypeChanged, NullableChanged, PropertyAdded, PropertyRemoved,
        EnumValueAdded, EnumValueRemoved, SubtypeAdded, SubtypeRemoved, DiscriminatorChanged,
    };

    private readonly List<(string SortKey, SpecChange Change)> _changes = new();
    private string _sortKey = string.Empty;

    public static DiffResult Compare(SpecModel old, SpecModel @new)
    {
        var diff = new SpecDiff();
        diff.Operations(old, @new);
        diff.Schemas(old, @new);
        var changes = diff._changes
            .OrderBy(c => c.SortKey, StringComparer.Ordinal)
            .ThenBy(c => Array.IndexOf(Kinds, c.Change.Kind))
            .ThenBy(c => c.Change.Subject, StringComparer.Ordinal)
            .ThenBy(c => c.Change.Old, StringComparer.Ordinal)
            .ThenBy(c => c.Change.New, StringComparer.Ordinal)
            .Select(c => c.Change)
            .ToList();
        return new DiffResult(old, @new, changes);
    }

    private void Add(string kind, string subject, string? old, string? @new, CSharpImpact csharp, bool wire) =>
        _changes.Add((_sortKey, new SpecChange(kind, subject, old, @new, csharp, wire)));

    private void Breaking(string kind, string subject, string? old, string? @new) => Add(kind, subject, old, @new, CSharpImpact.Breaking, wire: true);

    private void Compatible(string kind, string subject, string? old, string? @new) => Add(kind, subject, old, @new, CSharpImpact.None, wire: false);

    private void Operations(SpecModel old, SpecModel @new)
    {
        foreach (SpecOperation operation in SpecModel.Sorted(old.Operations.Values.Concat(@new.Operations.Values.Where(o => !old.Operations.ContainsKey(o.Identity)))))
        {
            // Operations first, by path then method, so a path's changes stay together.
            _sortKey = "0 " + operation.Path + " " + SpecModel.MethodOrder(operation.Method);
            string subject = operation.Identity;
            bool inOld = old.Operations.TryGetValue(operation.Identity, out SpecOperation? before);
            bool inNew = @new.Operations.TryGetValue(operation.Identity, out SpecOperation? after);
            if (!inNew)
            {
                Breaking(OperationRemoved, subject, before!.CSharpName, null);
            }
            else if (!inOld)
            {
                Compatible(OperationAdded, subject, null, after!.CSharpName);
            }
            else
            {
                Operation(before!, after!, subject);
            }
        }
    }

    private void Operation(SpecOperation old, SpecOperation @new, string subject)
    {
        if (old.OperationId != @new.OperationId || old.Override != @new.Override)
        {
            CSharpImpact impact = old.CSharpName == @new.CSharpName ? CSharpImpact.None : CSharpImpact.Renamed;
            Add(OperationRenamed, subject, Names(old), Names(@new), impact, wire: false);
        }

        if (old.Tag != @new.Tag)
        {
            // The method moves to another tag's client class: callers' code no longer finds it, the request is the same.
            Add(OperationTagChanged, subject, old.Tag, @new.Tag, CSharpImpact.Breaking, wire: false);
        }

        if (!old.Deprecated && @new.Deprecated)
        {
            Compatible(OperationDeprecated, subject, null, "deprecated");
        }

        var oldVersions = old.Versions.ToHashSet(StringComparer.Ordinal);
        var newVersions = @new.Versions.ToHashSet(StringComparer.Ordinal);
        foreach (string version in oldVersions.Except(newVersions).Order(StringComparer.Ordinal))
        {
            Breaking(VersionRemoved, subject, version, null);
        }

        foreach (string version in newVersions.Except(oldVersions).Order(StringComparer.Ordinal))
        {
            Compatible(VersionAdded, subject, null, version);
        }

        foreach (string version in oldVersions.Intersect(newVersions).Order(StringComparer.Ordinal))
        {
            string? oldSunset = Sunset(old, version);
            string? newSunset = Sunset(@new, version);
            if (newSunset is not null && newSunset != oldSunset)
            {
                // A sunset set or brought forward breaks callers pinned to that version sooner; one put off does not.
                bool sooner = oldSunset is null || string.CompareOrdinal(newSunset, oldSunset) < 0;
                Add(VersionSunset, subject + " " + version, oldSunset, newSunset, sooner ? CSharpImpact.Breaking : CSharpImpact.None, sooner);
            }
        }

        Parameters(old, @new, subject);
        if (old.RequestBody is null && @new.RequestBody is not null)
        {
            Add(RequestBodyAdded, subject + " request", null, @new.RequestBody.Required ? "required" : "optional", @new.RequestBody.Required ? CSharpImpact.Breaking : CSharpImpact.None, @new.RequestBody.Required);
        }
        else if (old.RequestBody is not null && @new.RequestBody is null)
        {
            Breaking(RequestBodyRemoved, subject + " request", old.RequestBody.Required ? "required" : "optional", null);
        }
        else if (old.RequestBody is not null && @new.RequestBody is not null)
        {
            if (!old.RequestBody.Required && @new.RequestBody.Required)
            {
                Breaking(RequiredChanged, subject + " request", "optional", "required");
            }

            Contents(old.RequestBody.Content, @new.RequestBody.Content, subject + " request", oldVersions, newVersions);
        }

        Contents(old.Responses, @new.Responses, subject + " response", oldVersions, newVersions);
    }

    private static string Names(SpecOperation operation) =>
        operation.Override is null ? operation.OperationId ?? "(no operationId)" : operation.Override + " (operationId " + (operation.OperationId ?? "none") + ")";

    private static string? Sunset(SpecOperation operation, string version) =>
        operation.Responses.Values.Concat(operation.RequestBody?.Content.Values ?? Enumerable.Empty<SpecContent>())
            .Where(c => SpecModel.VersionOf(c.MediaType) == version && c.Sunset is not null)
            .Select(c => c.Sunset)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();

    private void Parameters(SpecOperation old, SpecOperation @new, string subject)
    {
        foreach (var (key, parameter) in old.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            string at = subject + " parameter " + key;
            if (!@new.Parameters.TryGetValue(key, out SpecParameter? now))
            {
                Breaking(ParameterRemoved, at, Required(parameter.Required), null);
                continue;
            }

            if (!parameter.Required && now.Required)
            {
                Breaking(RequiredChanged, at, "optional", "required");
            }

            Schema(parameter.Schema, now.Schema, at);
        }

        foreach (var (key, parameter) in @new.Parameters.Where(p => !old.Parameters.ContainsKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Add(ParameterAdded, subject + " parameter " + key, null, Required(parameter.Required), parameter.Required ? CSharpImpact.Breaking : CSharpImpact.None, parameter.Required);
        }
    }

    /// <summary>Media types of a request body or of the 2xx responses; a whole version added or removed is reported once, above.</summary>
    private void Contents(IReadOnlyDictionary<string, SpecContent> old, IReadOnlyDictionary<string, SpecContent> @new, string subject, HashSet<string> oldVersions, HashSet<string> newVersions)
    {
        foreach (var (mediaType, content) in old.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (@new.TryGetValue(mediaType, out SpecContent? now))
            {
                Schema(content.Schema, now.Schema, subject + " " + mediaType);
            }
            else if (SpecModel.VersionOf(mediaType) is not { } version || newVersions.Contains(version))
            {
                Breaking(MediaTypeRemoved, subject, mediaType, null);
            }
        }

        foreach (string mediaType in @new.Keys.Where(m => !old.ContainsKey(m)).Order(StringComparer.Ordinal))
        {
            if (SpecModel.VersionOf(mediaType) is not { } version || oldVersions.Contains(version))
            {
                Compatible(MediaTypeAdded, subject, null, mediaType);
            }
        }
    }

    private void Schemas(SpecModel old, SpecModel @new)
    {
        foreach (string name in old.ReachedSchemas.Union(@new.ReachedSchemas).Order(StringComparer.Ordinal))
        {
            _sortKey = "1 " + name;
            bool inOld = old.ReachedSchemas.Contains(name);
            bool inNew = @new.ReachedSchemas.Contains(name);
            if (!inNew)
            {
                // The C# type goes; where it was used on the wire shows up as a type change or a removal there.
                Add(SchemaRemoved, name, SchemaShape.Signature(old.Schemas[name]), null, CSharpImpact.Breaking, wire: false);
            }
            else if (!inOld)
            {
                Compatible(SchemaAdded, name, null, SchemaShape.Signature(@new.Schemas[name]));
            }
            else
            {
                Schema(old.Schemas[name], @new.Schemas[name], name);
            }
        }
    }

    /// <summary>
    /// Compares two schemas in place; stops at a <c>$ref</c>, whose target is compared by name once.
    /// <paramref name="optional"/>: the schema is an optional property's, whose C# type admits null anyway.
    /// </summary>
    private void Schema(JsonNode? old, JsonNode? @new, string at, bool optional = false)
    {
        string oldSignature = SchemaShape.Signature(old);
        string newSignature = SchemaShape.Signature(@new);
        if (oldSignature != newSignature)
        {
            Breaking(TypeChanged, at, oldSignature, newSignature);
            return;
        }

        bool wasNullable = SchemaShape.IsNullable(old);
        bool isNullable = SchemaShape.IsNullable(@new);
        if (wasNullable != isNullable)
        {
            // Null where none came before breaks a reader of a required value; an optional property's C# type admits null already.
            bool breaking = isNullable && !optional;
            Add(NullableChanged, at, Nullable(wasNullable), Nullable(isNullable), breaking ? CSharpImpact.Breaking : CSharpImpact.None, breaking);
        }

        if (old is not JsonObject || @new is not JsonObject || SchemaShape.IsReference(old))
        {
            return;
        }

        List<string> oldEnum = SchemaShape.Enum(old);
        List<string> newEnum = SchemaShape.Enum(@new);
        foreach (string value in oldEnum.Except(newEnum, StringComparer.Ordinal))
        {
            Breaking(EnumValueRemoved, at, value, null);
        }

        foreach (string value in newEnum.Except(oldEnum, StringComparer.Ordinal))
        {
            Compatible(EnumValueAdded, at, null, value);
        }

        Properties(old!, @new!, at);

        string? oldDiscriminator = SchemaShape.Discriminator(old);
        string? newDiscriminator = SchemaShape.Discriminator(@new);
        if (oldDiscriminator is not null && newDiscriminator is not null && oldDiscriminator != newDiscriminator)
        {
            Breaking(DiscriminatorChanged, at, oldDiscriminator, newDiscriminator);
        }

        Dictionary<string, string> oldSubtypes = SchemaShape.Subtypes(old);
        Dictionary<string, string> newSubtypes = SchemaShape.Subtypes(@new);
        foreach (var (name, label) in oldSubtypes.Where(s => !newSubtypes.ContainsKey(s.Key)).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Breaking(SubtypeRemoved, at, label, null);
        }

        foreach (var (name, label) in newSubtypes.Where(s => !oldSubtypes.ContainsKey(s.Key)).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Compatible(SubtypeAdded, at, null, label);
        }

        foreach (var (keyword, suffix) in new[] { ("items", "[]"), ("additionalProperties", "{}") })
        {
            if (old![keyword] is JsonObject oldPart && @new![keyword] is JsonObject newPart)
            {
                Schema(oldPart, newPart, at + suffix);
            }
        }
    }

    private void Properties(JsonNode old, JsonNode @new, string at)
    {
        Dictionary<string, JsonNode?> oldProperties = SchemaShape.OwnProperties(old);
        Dictionary<string, JsonNode?> newProperties = SchemaShape.OwnProperties(@new);
        HashSet<string> oldRequired = SchemaShape.Required(old);
        HashSet<string> newRequired = SchemaShape.Required(@new);
        foreach (var (name, schema) in oldProperties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            string member = at + "." + name;
            if (!newProperties.TryGetValue(name, out JsonNode? now))
            {
                Breaking(PropertyRemoved, member, SchemaShape.Signature(schema), null);
                continue;
            }

            bool wasRequired = oldRequired.Contains(name);
            bool isRequired = newRequired.Contains(name);
            if (wasRequired != isRequired)
            {
                // Either way the C# property's nullability changes, and a reader or a writer of the old shape fails.
                Breaking(RequiredChanged, member, Required(wasRequired), Required(isRequired));
            }

            Schema(schema, now, member, optional: !isRequired);
        }

        foreach (var (name, schema) in newProperties.Where(p => !oldProperties.ContainsKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            bool required = newRequired.Contains(name);
            string signature = SchemaShape.Signature(schema) + (required ? ", required" : string.Empty);
            Add(PropertyAdded, at + "." + name, null, signature, required ? CSharpImpact.Breaking : CSharpImpact.None, required);
        }
    }

    private static string Required(bool required) => required ? "required" : "optional";

    private static string Nullable(bool nullable) => nullable ? "nullable" : "not nullable";
}
