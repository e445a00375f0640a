using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace AtlasAccessGen.SpecTool;

/// <summary>Renders a <see cref="DiffResult"/> for a terminal or, with <c>--json</c>, as a stable JSON document.</summary>
internal static class DiffReport
{
    public const string NotCompared = "descriptions, examples, info, vendor extensions (but the operation id override and x-sunset), response headers, error responses and the schemas only they reach";

    public static string Text(DiffResult diff, IEnumerable<string>? outcome = null)
    {
        var text = new StringBuilder();
        Side(text, "old", diff.Old);
        Side(text, "new", diff.New);

        Section(text, diff.Changes.Where(c => c.Breaking).ToList(), "Breaking", "code written against the old spec may not compile, or requests and responses no longer fit");
        Section(text, diff.Changes.Where(c => !c.Breaking && c.CSharp == CSharpImpact.Renamed).ToList(), "Renamed", "the C# method names change, the requests do not; 'atlas-spec update' records the old names in the lock file, and the generator keeps them compiling as [Obsolete] forwarders");
        Section(text, diff.Changes.Where(c => !c.Breaking && c.CSharp != CSharpImpact.Renamed).ToList(), "Compatible", null);

        text.Append('\n');
        int renamed = diff.CSharpRenameCount;
        int respelled = diff.Count(SpecDiff.OperationRenamed) - renamed;
        text.Append(Invariant($"Operations: {diff.Count(SpecDiff.OperationAdded)} added, {diff.Count(SpecDiff.OperationRemoved)} removed, {renamed} renamed"));
        text.Append(respelled > 0 ? Invariant($" and {respelled} with new spec names but the same C# name") : string.Empty);
        text.Append(Invariant($" (of {diff.Old.Operations.Count} -> {diff.New.Operations.Count}).\n"));
        text.Append(Invariant($"{diff.BreakingCount} breaking, {diff.RenamedCount} renamed, {diff.CompatibleCount} compatible. Not compared: {NotCompared}.\n"));
        foreach (string line in outcome ?? Enumerable.Empty<string>())
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// <c>atlasSpecDiff</c> (the shape's version, 1; <c>summary.operationsRenamed</c> counts C# renames only), <c>old</c> and <c>new</c> (source, title, version, sha,
    /// sha256, operations, schemasReached), <c>summary</c> (counts), <c>changes</c> (kind, subject, old, new, csharp, wire,
    /// breaking) in the order the text report lists them, and, for <c>update</c>, <c>update</c>.
    /// </summary>
    public static JsonObject Json(DiffResult diff, JsonObject? update = null)
    {
        var changes = new JsonArray();
        foreach (SpecChange change in diff.Changes)
        {
            changes.Add(new JsonObject
            {
                ["kind"] = change.Kind,
                ["subject"] = change.Subject,
                ["old"] = change.Old,
                ["new"] = change.New,
                ["csharp"] = change.CSharp switch { CSharpImpact.Breaking => "breaking", CSharpImpact.Renamed => "renamed", _ => "none" },
                ["wire"] = change.WireBreaking ? "breaking" : "compatible",
                ["breaking"] = change.Breaking,
            });
        }

        var report = new JsonObject
        {
            ["atlasSpecDiff"] = 1,
            ["old"] = SideJson(diff.Old),
            ["new"] = SideJson(diff.New),
            ["summary"] = new JsonObject
            {
                ["breaking"] = diff.BreakingCount,
                ["renamed"] = diff.RenamedCount,
                ["compatible"] = diff.CompatibleCount,
                ["operationsAdded"] = diff.Count(SpecDiff.OperationAdded),
                ["operationsRemoved"] = diff.Count(SpecDiff.OperationRemoved),
                ["operationsRenamed"] = diff.CSharpRenameCount,
            },
            ["changes"] = changes,
        };
        if (update is not null)
        {
            report["update"] = update;
        }

        return report;
    }

    private static void Side(StringBuilder text, string label, SpecModel model)
    {
        JsonNode? info = model.Spec.Root["info"];
        string sha = SpecModel.Text(SpecModel.Member(info, "x-xgen-sha")) is { } value ? ", x-xgen-sha " + value : string.Empty;
        text.Append(Printable(Invariant($"{label}: {model.Source}: {model.Operations.Count} operations, {model.ReachedSchemas.Count} schemas reached{sha}"))).Append('\n');
    }

    private static JsonObject SideJson(SpecModel model)
    {
        JsonNode? info = model.Spec.Root["info"];
        return new JsonObject
        {
            ["source"] = model.Source,
            ["title"] = SpecModel.Text(SpecModel.Member(info, "title")),
            ["version"] = SpecModel.Text(SpecModel.Member(info, "version")),
            ["sha"] = SpecModel.Text(SpecModel.Member(info, "x-xgen-sha")),
            ["sha256"] = model.Spec.Sha256,
            ["operations"] = model.Operations.Count,
            ["schemasReached"] = model.ReachedSchemas.Count,
        };
    }

    private static void Section(StringBuilder text, List<SpecChange> changes, string title, string? explanation)
    {
        text.Append('\n').Append(title).Append(Invariant($" ({changes.Count})"));
        text.Append(changes.Count > 0 && explanation is not null ? ": " + explanation + "\n" : "\n");
        foreach (SpecChange change in changes)
        {
            text.Append("  ").Append(Line(change)).Append('\n');
        }
    }

    /// <summary>One change on one line, e.g. <c>enum value added  Foo.kind: NEW_VALUE</c>.</summary>
    public static string Line(SpecChange change)
    {
        string label = change.Kind.Replace('-', ' ');
        string what = (change.Old, change.New) switch
        {
            ({ } old, { } @new) => old + " -> " + @new,
            (null, { } @new) => @new,
            ({ } old, null) => "was " + old,
            _ => string.Empty,
        };
        string impact = (change.CSharp == CSharpImpact.Breaking, change.WireBreaking) switch
        {
            (true, true) => "  [C#, wire]",
            (true, false) => "  [C#]",
            (false, true) => "  [wire]",
            _ => string.Empty,
        };
        return Printable(label.PadRight(21) + change.Subject + (what.Length > 0 ? ": " + what : string.Empty) + impact);
    }

    /// <summary>Spec text is hostile: no control character (a line break, a terminal escape) reaches the terminal.</summary>
    private static string Printable(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
