using System;

namespace AtlasAccessGen.SpecTool;

/// <summary>A problem with the input or the command line, reported as one line (never a stack trace).</summary>
internal sealed class SpecToolException : Exception
{
    public SpecToolException(string message, int exitCode = ExitCodes.InputError)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}

/// <summary>The process exit codes, documented in <c>atlas-spec --help</c> and the README.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A spec could not be read, sliced or compared, or an output could not be written.</summary>
    public const int InputError = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int UsageError = 2;

    /// <summary><c>diff</c> or <c>update</c> found a breaking change, and <c>--accept-breaking</c> was not given.</summary>
    public const int Breaking = 3;
}
