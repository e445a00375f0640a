using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace AtlasAccessGen.SpecTool;

/// <summary>What <c>update</c> decided and did, for the report.</summary>
internal sealed record UpdateOutcome(DiffResult Diff, string Fragment, string LockPath, bool Changed, bool Blocked, bool Written, bool LockStateAdded)
{
    public IEnumerable<string> Lines()
    {
        if (!Changed)
        {
            yield return $"{Fragment} is up to date: nothing written.";
        }
        else if (Blocked)
        {
            yield return $"Nothing written: {Diff.BreakingCount} breaking changes (--accept-breaking takes them).";
        }
        else
        {
            yield return $"Wrote {Fragment}.";
            yield return LockStateAdded
                ? $"Wrote {LockPath}: the replaced state (x-xgen-sha {ReplacedSha ?? "none"}) appended; commit it beside the spec."
                : $"{LockPath} already holds the replaced state: left as it was.";
        }
    }

    private string? ReplacedSha => SpecModel.Text(SpecModel.Member(Diff.Old.Spec.Root["info"], "x-xgen-sha"));

    public JsonObject Json() => new()
    {
        ["fragment"] = Fragment,
        ["lock"] = LockPath,
        ["changed"] = Changed,
        ["written"] = Written,
        ["lockStateAdded"] = LockStateAdded,
    };
}

/// <summary>
/// <c>atlas-spec update</c>: re-slices a newer upstream with the fragment's own selection, diffs the fragment
/// against that, and (unless something breaks and is not accepted) replaces the fragment and appends the replaced
/// state to the lock file beside it. Everything is computed before anything is written.
/// </summary>
internal static class SpecUpdate
{
    public static UpdateOutcome Run(string fragment, string from, IReadOnlyList<string> tags, IReadOnlyList<string> operations, bool acceptBreaking)
    {
        if (fragment.Contains("://", StringComparison.Ordinal))
        {
            throw new SpecToolException($"the fragment to update must be a local file, not '{fragment}'", ExitCodes.UsageError);
        }

        LoadedSpec old = SpecReader.Load(fragment);
        SliceSelection selection = tags.Count > 0 || operations.Count > 0 ? new SliceSelection(tags, operations) : Recorded(old);
        LoadedSpec upstream = SpecReader.Load(from);
        SpecModel oldModel = SpecModel.Read(old);

        byte[] newBytes = SpecWriter.ToBytes(Slicer.Slice(upstream, selection).Document);
        LoadedSpec updated = SpecReader.Parse(upstream.Source + " (sliced)", newBytes);
        DiffResult diff = SpecDiff.Compare(oldModel, SpecModel.Read(updated));

        string lockPath = SpecLock.PathFor(fragment);
        bool changed = updated.Sha256 != old.Sha256;
        bool blocked = changed && diff.BreakingCount > 0 && !acceptBreaking;
        if (!changed || blocked)
        {
            return new UpdateOutcome(diff, fragment, lockPath, changed, blocked, Written: false, LockStateAdded: false);
        }

        byte[]? previousLock = ReadLock(lockPath);
        byte[]? newLock = SpecLock.Append(lockPath, previousLock, oldModel);
        SpecWriter.WriteAtomically(fragment, newBytes);
        if (newLock is not null)
        {
            try
            {
                SpecWriter.WriteAtomically(lockPath, newLock);
            }
            catch (SpecToolException)
            {
                // Neither file changes, or the lock would miss the state the fragment just replaced.
                SpecWriter.WriteAtomically(fragment, old.Bytes);
                throw;
            }
        }

        return new UpdateOutcome(diff, fragment, lockPath, changed, Blocked: false, Written: true, LockStateAdded: newLock is not null);
    }

    /// <summary>The selection <c>slice</c> recorded in info.x-atlas-slice.</summary>
    private static SliceSelection Recorded(LoadedSpec fragment)
    {
        JsonNode? recorded = SpecModel.Member(fragment.Root["info"], Slicer.ProvenanceKey);
        string[] tags = Strings(SpecModel.Member(recorded, "tags"));
        string[] operations = Strings(SpecModel.Member(recorded, "operations"));
        if (tags.Length == 0 && operations.Length == 0)
        {
            throw new SpecToolException(
                $"'{fragment.Source}' records no selection (info.{Slicer.ProvenanceKey} has no tags or operations): give --tag or --operation, e.g. --tag \"Cloud Provider Access\"",
                ExitCodes.UsageError);
        }

        return new SliceSelection(tags, operations);
    }

    private static string[] Strings(JsonNode? node) => (node as JsonArray ?? new JsonArray()).Select(SpecModel.Text).OfType<string>().ToArray();

    private static byte[]? ReadLock(string lockPath)
    {
        try
        {
            return File.Exists(lockPath) ? File.ReadAllBytes(lockPath) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpecToolException($"cannot read '{lockPath}': {SpecReader.OneLine(e.Message)}");
        }
    }
}
