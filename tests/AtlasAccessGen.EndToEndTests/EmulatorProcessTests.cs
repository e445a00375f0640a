using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AtlasAccessGen.Emulator;
using AtlasAccessGen.Runtime;
using AtlasAccessGen.Runtime.Authentication;
using EndToEnd.Atlas;
using Xunit;

namespace AtlasAccessGen.EndToEndTests;

/// <summary>
/// The emulator as a user runs it, <c>dotnet run --project samples/AtlasAccessGen.Emulator</c>: what it prints must be
/// enough to call it, and the <c>export</c> lines it prints must work as printed.
/// </summary>
[Collection(DotnetProcess.Collection)]
public sealed class EmulatorProcessTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(3);

    private static readonly string[] Exported = { "ATLAS_BASE_URL", "ATLAS_GROUP_ID", "ATLAS_PUBLIC_KEY", "ATLAS_PRIVATE_KEY", "ATLAS_CLIENT_ID", "ATLAS_CLIENT_SECRET" };

    [Fact]
    public void Help_exits_0_names_every_option_and_starts_nothing()
    {
        (int exitCode, string output) = DotnetProcess.Run(ProcessTimeout, RunEmulator("--help"));

        Assert.True(exitCode == 0, "--help exited with " + exitCode + ":\n" + output);
        foreach (string option in new[] { "--port N", "--allow-anonymous", "--projects N", "--help, -h", "export" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("listening on", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--verbose", "Unknown argument '--verbose'.")]
    [InlineData("--port", "--port needs a port number")]
    [InlineData("--port=80", "Unknown argument '--port=80'.")]
    [InlineData("--projects", "--projects needs a number of projects")]
    public void Bad_arguments_exit_2_with_the_usage(string argument, string expected)
    {
        (int exitCode, string output) = DotnetProcess.Run(ProcessTimeout, RunEmulator(argument));

        Assert.True(exitCode == 2, "exited with " + exitCode + ":\n" + output);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Contains("Usage: dotnet run --project samples/AtlasAccessGen.Emulator", output, StringComparison.Ordinal);
        Assert.DoesNotContain("listening on", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_start_it_prints_every_credential_and_export_lines_that_work_as_printed()
    {
        using Process process = Process.Start(DotnetProcess.StartInfo(RunEmulator()))!;
        try
        {
            List<string> lines = await ReadUntilAsync(process, "Press Ctrl+C to stop.");
            string output = string.Join('\n', lines);
            var defaults = new AtlasEmulatorOptions();

            // Everything a caller needs, named in plain words ...
            // The first line is the address alone: the HTTP benchmarks read it from there.
            string listening = lines.First(l => l.StartsWith("Atlas emulator ", StringComparison.Ordinal));
            Assert.Matches("^Atlas emulator listening on http://127\\.0\\.0\\.1:[0-9]+/$", listening);
            string baseUrl = listening.Substring("Atlas emulator listening on ".Length);
            Assert.Contains("  base URL         " + baseUrl, lines);
            Assert.Contains(lines, l => l.StartsWith("  project id       " + AtlasEmulator.ExampleProjectId, StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("  API key          public key " + defaults.PublicKey + ", private key " + defaults.PrivateKey, StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("  Service Account  client id " + defaults.ClientId + ", client secret " + defaults.ClientSecret, StringComparison.Ordinal));

            // ... and as export lines a shell accepts: NAME=value, nothing to quote.
            Dictionary<string, string> exports = lines
                .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
                .Select(l => l.Substring("export ".Length).Split('=', 2))
                .ToDictionary(kv => kv[0], kv => kv[1]);
            Assert.Equal(Exported.OrderBy(n => n, StringComparer.Ordinal), exports.Keys.OrderBy(n => n, StringComparer.Ordinal));
            Assert.All(exports.Values, v => Assert.Matches("^[A-Za-z0-9_:/.-]+$", v));
            Assert.Equal(baseUrl, exports["ATLAS_BASE_URL"]);

            // The printed values are what the running process accepts: an API key call and a Service Account call.
            string groupId = exports["ATLAS_GROUP_ID"];
            using (var withKey = new AtlasClient(new AtlasClientOptions { BaseAddress = new Uri(exports["ATLAS_BASE_URL"]), ApiKey = new AtlasApiKey(exports["ATLAS_PUBLIC_KEY"], exports["ATLAS_PRIVATE_KEY"]) }))
            {
                var created = Assert.IsType<CloudProviderAccessAWSIAMRole>(await withKey.CloudProviderAccess.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAWSIAMRoleRequest()));
                Assert.NotNull(created.RoleId);
            }

            using (var withAccount = new AtlasClient(new AtlasClientOptions { BaseAddress = new Uri(exports["ATLAS_BASE_URL"]), ServiceAccount = new AtlasServiceAccount(exports["ATLAS_CLIENT_ID"], exports["ATLAS_CLIENT_SECRET"]) }))
            {
                CloudProviderAccessRoles roles = await withAccount.CloudProviderAccess.ListCloudProviderAccessAsync(groupId);
                Assert.Single(roles.AwsIamRoles!);
            }

            Assert.False(process.HasExited, output);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task With_projects_it_says_so_and_listGroups_pages_through_that_many()
    {
        using Process process = Process.Start(DotnetProcess.StartInfo(RunEmulator("--projects", "7")))!;
        try
        {
            List<string> lines = await ReadUntilAsync(process, "Press Ctrl+C to stop.");
            string baseUrl = lines.First(l => l.StartsWith("Atlas emulator ", StringComparison.Ordinal)).Substring("Atlas emulator listening on ".Length);
            Assert.Contains("  GET " + baseUrl + "api/atlas/v2/groups pages through 7 projects (--projects).", lines);

            var defaults = new AtlasEmulatorOptions();
            using var atlas = new EndToEnd.Projects.AtlasClient(new AtlasClientOptions { BaseAddress = new Uri(baseUrl), ApiKey = new AtlasApiKey(defaults.PublicKey, defaults.PrivateKey) });
            var names = new List<string>();
            await foreach (EndToEnd.Projects.Group group in atlas.Projects.ListAllGroupsAsync(itemsPerPage: 3))
            {
                names.Add(group.Name);
            }

            Assert.Equal(Enumerable.Range(1, 7).Select(i => "project-0000" + i), names);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
    }

    private static string[] RunEmulator(params string[] arguments) =>
        new[] { "run", "--project", Path.Combine(DotnetProcess.RepositoryRoot(), "samples", "AtlasAccessGen.Emulator"), "-c", "Release", "--" }.Concat(arguments).ToArray();

    /// <summary>The process's output lines up to and including <paramref name="last"/>; fails if it exits or stalls first.</summary>
    private static async Task<List<string>> ReadUntilAsync(Process process, string last)
    {
        var lines = new List<string>();
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            if (line == last)
            {
                return lines;
            }
        }

        lock (errors)
        {
            throw new InvalidOperationException("The emulator ended before printing '" + last + "':\n" + string.Join('\n', lines) + "\n" + errors);
        }
    }
}
