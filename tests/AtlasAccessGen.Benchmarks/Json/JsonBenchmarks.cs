using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using AtlasAccessGen.Benchmarks.Json.HandWritten;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Generated = Bench.Generated;
using NSwagModels = AtlasAccessGen.Benchmarks.Json.NSwag;

namespace AtlasAccessGen.Benchmarks.Json;

/// <summary>
/// Reading and writing one <c>CloudProviderAccessRoles</c> of <see cref="Roles"/> roles, from and to UTF-8 bytes:
/// the converters this repository generates (from spec/cloud-provider-access.json, at this project's build) against
/// System.Text.Json's source generator on hand-written classes (the baseline), NSwag's generated classes with
/// Newtonsoft.Json, and, for reading, the floor: a bare <see cref="Utf8JsonReader"/> pass over the same bytes.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JsonBenchmarks
{
    private static readonly global::Newtonsoft.Json.JsonSerializer Newtonsoft = global::Newtonsoft.Json.JsonSerializer.CreateDefault(new global::Newtonsoft.Json.JsonSerializerSettings
    {
        NullValueHandling = global::Newtonsoft.Json.NullValueHandling.Ignore,
    });

    private readonly MemoryStream _output = new();
    private byte[] _json = [];
    private Generated.CloudProviderAccessRoles _generated = null!;
    private CloudProviderAccessRoles _handWritten = null!;
    private NSwagModels.CloudProviderAccessRoles _nswag = null!;

    [Params(1000)]
    public int Roles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _json = RolesDocument.Create(Roles);
        _generated = ReadGenerated();
        _handWritten = ReadStjSourceGen();
        _nswag = ReadNSwagNewtonsoft();
        JsonChecks.AllReadTheSame(RolesDocument.ShapeOf(Roles), _generated, _handWritten, _nswag);
        JsonChecks.AllWriteTheSame(_json, WriteBytes(WriteGenerated), WriteBytes(WriteStjSourceGen), WriteBytes(WriteNSwagNewtonsoft));
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Read")]
    public CloudProviderAccessRoles ReadStjSourceGen() =>
        JsonSerializer.Deserialize(_json, HandWrittenJsonContext.Default.CloudProviderAccessRoles)!;

    [Benchmark, BenchmarkCategory("Read")]
    public Generated.CloudProviderAccessRoles ReadGenerated() =>
        Generated.AtlasJson.Complete.Deserialize<Generated.CloudProviderAccessRoles>(_json)!;

    [Benchmark, BenchmarkCategory("Read")]
    public NSwagModels.CloudProviderAccessRoles ReadNSwagNewtonsoft()
    {
        using var text = new StreamReader(new MemoryStream(_json, writable: false), Encoding.UTF8);
        using var reader = new global::Newtonsoft.Json.JsonTextReader(text);
        return Newtonsoft.Deserialize<NSwagModels.CloudProviderAccessRoles>(reader)!;
    }

    /// <summary>The floor: every token of the same bytes read, nothing materialised.</summary>
    [Benchmark, BenchmarkCategory("Read")]
    public int ReadBareUtf8JsonReader()
    {
        var reader = new Utf8JsonReader(_json);
        int tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    /// <summary>
    /// The floor plus what any typed reader must at least do: every string value materialised (dates and GUIDs
    /// parsed, the rest allocated as strings). Not a contender: it shows how much of the gap above the floor is that.
    /// </summary>
    [Benchmark, BenchmarkCategory("Read")]
    public int ReadBareUtf8JsonReaderWithValues()
    {
        var reader = new Utf8JsonReader(_json);
        int values = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                values += reader.TryGetDateTimeOffset(out _) || reader.TryGetGuid(out _) ? 1 : reader.GetString()!.Length > 0 ? 1 : 0;
            }
        }

        return values;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Write")]
    public long WriteStjSourceGen()
    {
        _output.SetLength(0);
        JsonSerializer.Serialize(_output, _handWritten, HandWrittenJsonContext.Default.CloudProviderAccessRoles);
        return _output.Length;
    }

    [Benchmark, BenchmarkCategory("Write")]
    public long WriteGenerated()
    {
        _output.SetLength(0);
        JsonSerializer.Serialize(_output, _generated, Generated.AtlasJson.Complete.GetTypeInfo<Generated.CloudProviderAccessRoles>());
        return _output.Length;
    }

    [Benchmark, BenchmarkCategory("Write")]
    public long WriteNSwagNewtonsoft()
    {
        _output.SetLength(0);
        using (var text = new StreamWriter(_output, new UTF8Encoding(false), bufferSize: 4096, leaveOpen: true))
        {
            Newtonsoft.Serialize(text, _nswag);
        }

        return _output.Length;
    }

    private byte[] WriteBytes(Func<long> write)
    {
        write();
        return _output.ToArray();
    }
}
