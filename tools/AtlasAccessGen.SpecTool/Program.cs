using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace AtlasAccessGen.SpecTool;

/// <summary>
/// <c>atlas-spec</c>: the command line. Every failure is one line on stderr and a non-zero exit code
/// (<see cref="ExitCodes"/>), never a stack trace.
/// </summary>
public static class Program
{
    internal const string Usage = """
        Usage:
          atlas-spec slice <input.json|input.yaml> --tag <tag> [--tag <tag>]... [--operation <id>]... -o <output.json>
          atlas-spec diff <old.json|yaml> <new.json|yaml> [--json] [--accept-breaking]
          atlas-spec update <fragment.json> --from <upstream.json|yaml|https-url> [--tag <tag>]... [--operation <id>]...
                            [--json] [--accept-breaking]

        slice: cuts a self-contained fragment out of a whole Atlas Admin API v2 spec: the operations that carry one of
        the tags, or whose operationId or x-xgen-operation-id-override is one of the --operation names (at least one
        --tag or --operation; names match ignoring case, as the generator's AtlasTags and AtlasOperations do), their
        path items, and every component they reach. The output is JSON, the same bytes for the same input and
        selection; info.x-atlas-slice records the source, its SHA-256 and the selection.

        diff: what changes, for a caller of the generated client, between two fragments or two whole specs.
        Operations are matched by method + path, so a new operationId or x-xgen-operation-id-override is a rename
        (the C# method name changes, the request does not). Breaking: a removed operation, version, parameter,
        property, enum value or subtype, a changed type, null where a required value was, a new required parameter
        or property, a version given a sunset, a method moved to another tag. Compatible: what is added. Not compared: descriptions, examples,
        info, vendor extensions, response headers and error responses. --json prints the report as JSON.

        update: slices <upstream> with the fragment's own selection (info.x-atlas-slice; --tag/--operation replace
        it, and are needed for a fragment that records none), prints the diff from the fragment to that slice, and
        replaces the fragment, appending the state it replaced to the lock file beside it (x.json ->
        x.atlas-lock.json; from it the generator keeps renamed methods compiling as [Obsolete] forwarders). With a
        breaking change and no --accept-breaking it writes nothing. --from may be an https URL, e.g. upstream's
        https://raw.githubusercontent.com/mongodb/openapi/main/openapi/v2.yaml

        Exit codes: 0 done (for diff: nothing breaking), 1 an input could not be read, sliced or compared, or an
        output not written, 2 a usage error, 3 a breaking change and no --accept-breaking (the report is printed,
        nothing is written).
        """;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs one command; the tests call this in-process.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
                return args.Length == 0 ? ExitCodes.UsageError : ExitCodes.Success;
            }

            return args[0] switch
            {
                "slice" => Slice(args.AsSpan(1), stdout),
                "diff" => Diff(args.AsSpan(1), stdout),
                "update" => Update(args.AsSpan(1), stdout),
                _ => throw new SpecToolException($"unknown command '{args[0]}'; try 'atlas-spec slice', 'diff', 'update' or 'atlas-spec --help'", ExitCodes.UsageError),
            };
        }
        catch (SpecToolException e)
        {
            stderr.WriteLine("atlas-spec: error: " + SpecReader.OneLine(e.Message));
            return e.ExitCode;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug of ours, still one line: the message names it well enough to report.
            stderr.WriteLine("atlas-spec: internal error: " + e.GetType().Name + ": " + SpecReader.OneLine(e.Message));
            return ExitCodes.InputError;
        }
    }

    private static int Slice(ReadOnlySpan<string> args, TextWriter stdout)
    {
        string? input = null;
        string? output = null;
        var tags = new List<string>();
        var operations = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? inlineValue = SplitInlineValue(ref arg);

            switch (arg)
            {
                case "--tag" or "-t":
                    tags.Add(Value(args, ref i, arg, inlineValue));
                    break;
                case "--operation" or "--op":
                    operations.Add(Value(args, ref i, arg, inlineValue));
                    break;
                case "-o" or "--output":
                    output = output is null ? Value(args, ref i, arg, inlineValue) : throw Usage_("-o is given twice");
                    break;
                case "-h" or "--help":
                    stdout.WriteLine(Usage);
                    return ExitCodes.Success;
                default:
                    if (arg.StartsWith('-') && arg != "-")
                    {
                        throw Usage_($"unknown option '{arg}'");
                    }

                    input = input is null ? arg : throw Usage_($"one input spec expected, got '{input}' and '{arg}'");
                    break;
            }
        }

        if (input is null)
        {
            throw Usage_("slice needs an input spec: atlas-spec slice <input.json|yaml> --tag <tag> -o <output.json>");
        }

        if (output is null)
        {
            throw Usage_("slice needs an output file: -o <output.json>");
        }

        if (tags.Count == 0 && operations.Count == 0)
        {
            throw Usage_("slice needs at least one --tag or --operation");
        }

        var stopwatch = Stopwatch.StartNew();
        LoadedSpec spec = SpecReader.Load(input);
        SliceResult result = Slicer.Slice(spec, new SliceSelection(tags, operations));
        SpecWriter.WriteAtomically(output, SpecWriter.ToBytes(result.Document));
        stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Wrote {output}: {result.OperationCount} operations in {result.PathCount} paths, {result.ComponentCount} components, from {input} (sha256 {spec.Sha256}) in {stopwatch.ElapsedMilliseconds} ms."));
        return ExitCodes.Success;
    }

    private static int Diff(ReadOnlySpan<string> args, TextWriter stdout)
    {
        var inputs = new List<string>();
        bool json = false;
        bool acceptBreaking = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--accept-breaking":
                    acceptBreaking = true;
                    break;
                case "-h" or "--help":
                    stdout.WriteLine(Usage);
                    return ExitCodes.Success;
                default:
                    inputs.Add(Positional(args[i], inputs.Count < 2 ? null : "diff takes two specs, got a third: '" + args[i] + "'"));
                    break;
            }
        }

        if (inputs.Count != 2)
        {
            throw Usage_("diff needs two specs: atlas-spec diff <old.json|yaml> <new.json|yaml>");
        }

        SpecModel old = SpecModel.Read(SpecReader.Load(inputs[0]));
        SpecModel @new = SpecModel.Read(SpecReader.Load(inputs[1]));
        DiffResult diff = SpecDiff.Compare(old, @new);
        stdout.Write(json ? Encoding.UTF8.GetString(SpecWriter.ToBytes(DiffReport.Json(diff))) : DiffReport.Text(diff));
        return Verdict(diff, acceptBreaking, string.Empty);
    }

    private static int Update(ReadOnlySpan<string> args, TextWriter stdout)
    {
        string? fragment = null;
        string? from = null;
        var tags = new List<string>();
        var operations = new List<string>();
        bool json = false;
        bool acceptBreaking = false;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? inlineValue = SplitInlineValue(ref arg);

            switch (arg)
            {
                case "--from":
                    from = from is null ? Value(args, ref i, arg, inlineValue) : throw Usage_("--from is given twice");
                    break;
                case "--tag" or "-t":
                    tags.Add(Value(args, ref i, arg, inlineValue));
                    break;
                case "--operation" or "--op":
                    operations.Add(Value(args, ref i, arg, inlineValue));
                    break;
                case "--json" when inlineValue is null:
                    json = true;
                    break;
                case "--accept-breaking" when inlineValue is null:
                    acceptBreaking = true;
                    break;
                case "-h" or "--help":
                    stdout.WriteLine(Usage);
                    return ExitCodes.Success;
                default:
                    fragment = Positional(args[i], fragment is null ? null : $"one fragment expected, got '{fragment}' and '{args[i]}'");
                    break;
            }
        }

        if (fragment is null)
        {
            throw Usage_("update needs the fragment to update: atlas-spec update <fragment.json> --from <upstream.json|yaml|https-url>");
        }

        if (from is null)
        {
            throw Usage_("update needs the newer upstream spec: --from <upstream.json|yaml|https-url>");
        }

        UpdateOutcome outcome = SpecUpdate.Run(fragment, from, tags, operations, acceptBreaking);
        stdout.Write(json
            ? Encoding.UTF8.GetString(SpecWriter.ToBytes(DiffReport.Json(outcome.Diff, outcome.Json())))
            : DiffReport.Text(outcome.Diff, outcome.Lines()));
        return outcome.Blocked ? Verdict(outcome.Diff, acceptBreaking: false, "; nothing written") : ExitCodes.Success;
    }

    /// <summary>Exit code 3 (after the report) when something breaks and is not accepted.</summary>
    private static int Verdict(DiffResult diff, bool acceptBreaking, string consequence)
    {
        if (diff.BreakingCount > 0 && !acceptBreaking)
        {
            throw new SpecToolException(
                string.Create(CultureInfo.InvariantCulture, $"{diff.BreakingCount} breaking change{(diff.BreakingCount == 1 ? string.Empty : "s")} from {diff.Old.Source} to {diff.New.Source}{consequence} (--accept-breaking accepts them)"),
                ExitCodes.Breaking);
        }

        return ExitCodes.Success;
    }

    private static string Positional(string arg, string? tooMany)
    {
        if (arg.StartsWith('-') && arg != "-")
        {
            throw Usage_($"unknown option '{arg}'");
        }

        return tooMany is null ? arg : throw Usage_(tooMany);
    }

    /// <summary><c>--tag=X</c>: leaves <c>--tag</c> in <paramref name="arg"/> and returns <c>X</c>; null for any other form.</summary>
    private static string? SplitInlineValue(ref string arg)
    {
        if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is var equals and > 0)
        {
            string value = arg[(equals + 1)..];
            arg = arg[..equals];
            return value;
        }

        return null;
    }

    private static string Value(ReadOnlySpan<string> args, ref int i, string option, string? inlineValue)
    {
        if (inlineValue is not null)
        {
            return inlineValue.Length > 0 ? inlineValue : throw Usage_($"{option} needs a value");
        }

        if (i + 1 >= args.Length || args[i + 1].Length == 0)
        {
            throw Usage_($"{option} needs a value");
        }

        return args[++i];
    }

    private static SpecToolException Usage_(string message) => new(message, ExitCodes.UsageError);
}
