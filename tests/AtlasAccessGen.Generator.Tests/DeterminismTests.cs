using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// Output must be byte-identical run to run, in every configuration, not only the default one: two specs (the
/// fragment and the whole API), each unpinned and pinned to a version, each whole, sliced by tag and sliced by
/// operation. Twelve configurations, each generated twice by a fresh driver; every file is hashed.
/// </summary>
public sealed class DeterminismTests
{
    private readonly ITestOutputHelper _output;

    public DeterminismTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string?, string?, string?> Configurations()
    {
        var data = new TheoryData<string, string?, string?, string?>();
        foreach ((string spec, string pin, string tag, string operation) in new[]
        {
            ("cloud-provider-access.json", "2023-01-01", "Cloud Provider Access", "getGroupCloudProviderAccess"),
            ("atlas-api-v2.json", "2024-08-05", "Clusters", "createCluster"),
        })
        {
            foreach (string? version in new[] { null, pin })
            {
                data.Add(spec, version, null, null);
                data.Add(spec, version, tag, null);
                data.Add(spec, version, null, operation);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Every_file_is_byte_identical_across_two_fresh_runs(string spec, string? apiVersion, string? tags, string? operations)
    {
        var file = new SpecFile("/specs/" + spec, spec == "atlas-api-v2.json" ? Specs.FullApi : Specs.Fragment, "Contoso.Atlas", apiVersion, tags, operations);

        IReadOnlyList<(string HintName, string Hash)> first = Hashes(file);
        IReadOnlyList<(string HintName, string Hash)> second = Hashes(file);

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
        _output.WriteLine(first.Count + " files, all hash " + Combined(first));
    }

    private static IReadOnlyList<(string HintName, string Hash)> Hashes(SpecFile file)
    {
        GeneratorHarness.GeneratorOutcome outcome = GeneratorHarness.Run(file);
        Assert.DoesNotContain(outcome.DriverDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        return outcome.Sources
            .Select(s => (s.HintName, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s.SourceText.ToString())))))
            .ToList();
    }

    private static string Combined(IReadOnlyList<(string HintName, string Hash)> hashes) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", hashes.Select(h => h.HintName + " " + h.Hash)))))[..16];
}
