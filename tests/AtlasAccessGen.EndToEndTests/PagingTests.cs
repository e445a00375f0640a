using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using AtlasAccessGen.Emulator;
using AtlasAccessGen.Runtime;
using AtlasAccessGen.Runtime.Paging;
using EndToEnd.Projects;
using Xunit;

namespace AtlasAccessGen.EndToEndTests;

/// <summary>
/// The generated <c>ListAllGroupsAsync</c> (listGroups of the whole API) walking the emulator's seeded projects over real
/// HTTP: one request per page, only when an item of that page is asked for. Every test warms the client first (the
/// Digest challenge costs a request of its own), then counts the requests the walk makes.
/// </summary>
public sealed class PagingTests : EmulatorTest
{
    private const int Projects = 2_537;

    protected override AtlasEmulatorOptions CreateEmulatorOptions() => new() { SeededProjects = Projects };

    [Fact]
    public async Task Walking_2537_projects_at_500_per_page_makes_6_requests_and_yields_each_project_once()
    {
        IProjectsClient client = await WarmClient();
        int before = Emulator.RequestCount;

        var ids = new List<string>();
        await foreach (Group group in client.ListAllGroupsAsync(itemsPerPage: 500))
        {
            ids.Add(group.Id!);
        }

        Assert.Equal(6, Emulator.RequestCount - before);
        Assert.Equal(Projects, ids.Count);
        Assert.Equal(Projects, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enumerable.Range(0, Projects).Select(AtlasEmulator.SeededProjectId), ids);
        Assert.Equal(
            Enumerable.Range(1, 6).Select(n => "/api/atlas/v2/groups?itemsPerPage=500&pageNum=" + n),
            Emulator.RecentRequests.TakeLast(6).Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task The_servers_default_page_size_is_assumed_when_itemsPerPage_is_left_out()
    {
        IProjectsClient client = await WarmClient();
        int before = Emulator.RequestCount;

        int count = await CountAsync(client.ListAllGroupsAsync());

        Assert.Equal(Projects, count);
        Assert.Equal(26, Emulator.RequestCount - before);
        Assert.Equal("/api/atlas/v2/groups?pageNum=26", Emulator.RecentRequests[^1].PathAndQuery);
    }

    [Fact]
    public async Task An_early_break_makes_no_further_request()
    {
        IProjectsClient client = await WarmClient();
        int before = Emulator.RequestCount;

        int seen = 0;
        await foreach (Group group in client.ListAllGroupsAsync(itemsPerPage: 500))
        {
            if (++seen == 500)
            {
                break;
            }
        }

        Assert.Equal(1, Emulator.RequestCount - before);

        // Asking for item 501 is what sends the second request; nothing is fetched ahead.
        seen = 0;
        await foreach (Group group in client.ListAllGroupsAsync(itemsPerPage: 500))
        {
            if (++seen == 501)
            {
                break;
            }
        }

        Assert.Equal(3, Emulator.RequestCount - before);
    }

    [Fact]
    public async Task Nothing_is_sent_before_the_first_item_is_asked_for()
    {
        IProjectsClient client = await WarmClient();
        int before = Emulator.RequestCount;

        IAsyncEnumerable<Group> all = client.ListAllGroupsAsync(itemsPerPage: 10);
        await using IAsyncEnumerator<Group> enumerator = all.GetAsyncEnumerator();

        Assert.Equal(0, Emulator.RequestCount - before);
        Assert.True(await enumerator.MoveNextAsync());
        Assert.Equal(1, Emulator.RequestCount - before);
    }

    [Fact]
    public async Task Cancelling_stops_the_walk_at_the_next_item()
    {
        IProjectsClient client = await WarmClient();
        using var cancellation = new CancellationTokenSource();
        int before = Emulator.RequestCount;
        int seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (Group group in client.ListAllGroupsAsync(itemsPerPage: 100).WithCancellation(cancellation.Token))
            {
                if (++seen == 150)
                {
                    cancellation.Cancel();
                }
            }
        });

        Assert.Equal(150, seen);
        Assert.Equal(2, Emulator.RequestCount - before);
    }

    [Fact]
    public async Task The_methods_own_token_cancels_the_walk_too()
    {
        IProjectsClient client = await WarmClient();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        int before = Emulator.RequestCount;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CountAsync(client.ListAllGroupsAsync(itemsPerPage: 100, cancellationToken: cancellation.Token)));

        Assert.Equal(0, Emulator.RequestCount - before);
    }

    [Fact]
    public async Task A_page_that_fails_midway_throws_where_it_is_needed_and_the_earlier_items_stay_yielded()
    {
        // No retries: the injected 500 is the answer the walk gets.
        IProjectsClient client = await WarmClient(o => o.Retry.MaxRetries = 0);
        Emulator.InjectFault(new EmulatorFault.ServerError(500) { PageNum = 3 });
        int before = Emulator.RequestCount;
        var yielded = new List<string>();

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(async () =>
        {
            await foreach (Group group in client.ListAllGroupsAsync(itemsPerPage: 500))
            {
                yielded.Add(group.Id!);
            }
        });

        Assert.Equal(HttpStatusCode.InternalServerError, e.StatusCode);
        Assert.Equal(Enumerable.Range(0, 1_000).Select(AtlasEmulator.SeededProjectId), yielded);

        // Pages 1 and 2 were served; the third request met the fault (which answers before the request is recorded).
        Assert.Equal(3, Emulator.RequestCount - before);
        Assert.EndsWith("pageNum=2", Emulator.RecentRequests[^1].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_includeCount_the_total_ends_the_walk_on_a_full_last_page()
    {
        IProjectsClient client = await WarmClient();
        int before = Emulator.RequestCount;

        // 2,537 at 43 per page is 59 full pages: the count (and the missing next link) end it, with no empty 60th page.
        int count = await CountAsync(client.ListAllGroupsAsync(itemsPerPage: 43, includeCount: true));

        Assert.Equal(Projects, count);
        Assert.Equal(59, Emulator.RequestCount - before);
        Assert.Contains("includeCount=true", Emulator.RecentRequests[^1].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_read_over_HTTP_expose_their_items_count_and_links_through_IAtlasPage()
    {
        IProjectsClient client = await WarmClient();

        IAtlasPage<Group> page = await client.ListGroupsAsync(includeCount: true, itemsPerPage: 500, pageNum: 2);

        Assert.Equal(500, page.Results.Count);
        Assert.Equal(AtlasEmulator.SeededProjectId(500), page.Results[0].Id);
        Assert.Equal(Projects, page.TotalCount);
        Assert.Equal(new[] { "self", "previous", "next" }, page.Links!.Select(l => l.Rel));
        Assert.EndsWith("/api/atlas/v2/groups?pageNum=3&itemsPerPage=500&includeCount=true", page.Links![2].Href, StringComparison.Ordinal);

        IAtlasPage<Group> last = await client.ListGroupsAsync(includeCount: false, itemsPerPage: 500, pageNum: 6);
        Assert.Equal(37, last.Results.Count);
        Assert.Null(last.TotalCount);
        Assert.DoesNotContain(last.Links!, l => l.Rel == "next");
    }

    [Fact]
    public async Task The_emulator_refuses_a_page_size_over_500_as_Atlas_does()
    {
        IProjectsClient client = await WarmClient();

        // The generated method checks the spec's range first; a raw request shows the emulator's own answer.
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CountAsync(client.ListAllGroupsAsync(itemsPerPage: 501)));
        using var http = CreateRawHttpClient();
        using var response = await http.SendAsync(Versioned(System.Net.Http.HttpMethod.Get, "api/atlas/v2/groups?itemsPerPage=501"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("INVALID_QUERY_PARAMETER", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<IProjectsClient> WarmClient(Action<AtlasClientOptions>? configure = null)
    {
        AtlasClientOptions options = ClientOptions();
        configure?.Invoke(options);
        IProjectsClient client = Track(new AtlasClient(options)).Projects;
        await client.ListGroupsAsync(itemsPerPage: 1);
        return client;
    }

    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> items)
    {
        int count = 0;
        await foreach (T item in items)
        {
            count++;
        }

        return count;
    }
}
