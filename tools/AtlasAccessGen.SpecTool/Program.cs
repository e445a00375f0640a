using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;

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

        Cuts a self-contained fragment out of a whole Atlas Admin API v2 spec: the operations that carry one of the
        tags, or whose operationId or x-xgen-operation-id-override is one of the --operation names (at least one
        --tag or --operation; names match ignoring case, as the generator's AtlasTags and AtlasOperations do), their
        path items, and every component they reach. The output is JSON, the same bytes
        for the same input and selection; info.x-atlas-slice records the source, its SHA-256 and the selection.

        Exit codes: 0 written, 1 the input could not be read or sliced or the output not written, 2 a usage error.
        Not built yet (issue #12): diff, update.
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
                "diff" or "update" => throw new SpecToolException($"'{args[0]}' is not built yet (issue #12); only 'slice' is", ExitCodes.UsageError),
                _ => throw new SpecToolException($"unknown command '{args[0]}'; try 'atlas-spec slice' or 'atlas-spec --help'", ExitCodes.UsageError),
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
            string? inlineValue = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is var equals and > 0)
            {
                inlineValue = arg[(equals + 1)..];
                arg = arg[..equals];
            }

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
