using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlasAccessGen.Generator.Input;
using AtlasAccessGen.Generator.Parsing;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// The pipeline starts each spec's parse on a pool thread and waits for it later (#16): the result must be the very
/// parse the pipeline made before, one result however many threads ask, and a job must stand for its input in the
/// driver's tables (equal inputs, equal jobs), so an unchanged spec is never parsed again.
/// </summary>
public class ParseJobTests
{
    [Fact]
    public void A_job_gives_the_parse_of_its_input()
    {
        SpecInput input = SpecInputs.For(Specs.Fragment);

        ParseResult expected = SpecParser.Parse(input, CancellationToken.None);
        ParseJob job = ParseJob.Start(input, CancellationToken.None);

        Assert.Equal(expected, job.Result);
        Assert.True(job.IsDone);
        Assert.NotNull(job.Result.Spec);
    }

    [Fact]
    public void Every_thread_that_asks_gets_the_one_result()
    {
        ParseJob job = ParseJob.Start(SpecInputs.For(Specs.Fragment), CancellationToken.None);

        using var start = new Barrier(8);
        ParseResult[] results = Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => { start.SignalAndWait(); return job.Result; }))
            .ToArray()
            .Select(task => task.GetAwaiter().GetResult())
            .ToArray();

        Assert.All(results, result => Assert.Same(results[0], result));
    }

    [Fact]
    public void Jobs_are_equal_when_their_inputs_are()
    {
        ParseJob first = ParseJob.Start(SpecInputs.For(Specs.Fragment), CancellationToken.None);
        ParseJob same = ParseJob.Start(SpecInputs.For(Specs.Fragment), CancellationToken.None);
        ParseJob other = ParseJob.Start(SpecInputs.For(Specs.Fragment.Replace("\"roleId\"", "\"roleKey\"", System.StringComparison.Ordinal)), CancellationToken.None);

        Assert.Equal(first, same);
        Assert.Equal(first.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void A_spec_that_cannot_be_read_is_a_result_with_its_diagnostic()
    {
        ParseJob job = ParseJob.Start(SpecInputs.For("{ \"openapi\": \"3.0.1\", \"info\": "), CancellationToken.None);

        Assert.Null(job.Result.Spec);
        Assert.Contains(job.Result.Diagnostics, d => d.Descriptor.Id == "ATLAS001");
    }
}
