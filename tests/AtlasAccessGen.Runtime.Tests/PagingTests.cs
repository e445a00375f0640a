using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlasAccessGen.Runtime.Paging;
using Xunit;

namespace AtlasAccessGen.Runtime.Tests;

/// <summary>
/// <see cref="AtlasPaging"/>'s stop rules and laziness over a stub page source that records every page it is asked
/// for; the generated methods over real HTTP are tested in EndToEndTests/PagingTests.
/// </summary>
public sealed class PagingTests
{
    [Fact]
    public async Task A_short_page_ends_the_walk_even_when_it_claims_a_next_page()
    {
        var source = new StubPages(Page(10, next: true), Page(10, next: true), Page(3, next: true), Page(10, next: true));

        List<int> items = await Collect(AtlasPaging.EnumerateAsync<FakePage, int>(source.Fetch, itemsPerPage: 10, useTotalCount: false));

        Assert.Equal(23, items.Count);
        Assert.Equal(new[] { 1, 2, 3 }, source.Requested);
    }

    [Fact]
    public async Task A_full_page_whose_links_have_no_next_ends_the_walk()
    {
        var source = new StubPages(Page(10, next: true), Page(10, next: false), Page(10, next: true));

        List<int> items = await Collect(AtlasPaging.EnumerateAsync<FakePage, int>(source.Fetch, itemsPerPage: 10, useTotalCount: false));

        Assert.Equal(20, items.Count);
        Assert.Equal(new[] { 1, 2 }, source.Requested);
    }

    [Fact]
    public async Task Pages_without_links_are_walked_until_a_short_or_empty_page()
    {
        var source = new StubPages(Page(10, links: false), Page(10, links: false), Page(0, links: false));

        List<int> items = await Collect(AtlasPaging.EnumerateAsync<FakePage, int>(source.Fetch, itemsPerPage: 10, useTotalCount: false));

        Assert.Equal(20, items.Count);
        Assert.Equal(new[] { 1, 2, 3 }, source.Requested);
    }

    [Fact]
    public async Task Without_a_known_page_size_only_the_links_and_an_empty_page_end_the_walk()
    {
        var source = new StubPages(Page(5, next: true), Page(3, next: true), Page(0, next: true), Page(5, next: true));

        List<int> items = await Collect(AtlasPaging.EnumerateAsync<FakePage, int>(source.Fetch, itemsPerPage: null, useTotalCount: false));

        Assert.Equal(8, items.Count);
        Assert.Equal(new[] { 1, 2, 3 }, source.Requested);
    }

    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 3)]
    public async Task The_total_count_ends_the_walk_only_when_asked(bool useTotalCount, int requests)
    {
        var source = new StubPages(Page(10, next: true, total: 20), Page(10, next: true, total: 20), Page(0, next: false, total: 20));

        List<int> items = await Collect(AtlasPaging.EnumerateAsync<FakePage, int>(source.Fetch, itemsPerPage: 10, useTotalCount));

        Assert.Equal(20, items.Count);
        Assert.Equal(requests, source.Requested.Count);
    }

    [Fact]
    public async Task A_null_page_ends_the_walk()
    {
        var source = new StubPages(Page(10, next: true), null);

        List<int> items = await Collect(AtlasPaging.EnumerateAsync<FakePage?, int>(source.FetchOrNull, itemsPerPage: 10, useTotalCount: false));

        Assert.Equal(10, items.Count);
        Assert.Equal(new[] { 1, 2 }, source.Requested);
    }

    [Fact]
    public async Task Nothing_is_requested_before_the_first_MoveNextAsync_and_each_page_only_when_needed()
    {
        var source = new StubPages(Page(2, next: true), Page(2, next: true), Page(1, next: false));
        IAsyncEnumerable<int> all = AtlasPaging.EnumerateAsync<FakePage, int>(source.Fetch, itemsPerPage: 2, useTotalCount: false);
        await using IAsyncEnumerator<int> enumerator = all.GetAsyncEnumerator();

        Assert.Empty(source.Requested);
        Assert.True(await enumerator.MoveNextAsync());
        Assert.True(await enumerator.MoveNextAsync());
        Assert.Equal(new[] { 1 }, source.Requested);
        Assert.True(await enumerator.MoveNextAsync());
        Assert.Equal(new[] { 1, 2 }, source.Requested);
    }

    [Fact]
    public async Task A_failing_page_throws_from_the_MoveNextAsync_that_needed_it_after_the_earlier_items()
    {
        var source = new StubPages(Page(2, next: true), new InvalidOperationException("page 2 failed"));
        var yielded = new List<int>();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (int item in AtlasPaging.EnumerateAsync<FakePage, int>(source.Fetch, itemsPerPage: 2, useTotalCount: false))
            {
                yielded.Add(item);
            }
        });

        Assert.Equal("page 2 failed", e.Message);
        Assert.Equal(new[] { 1, 2 }, yielded);
    }

    [Fact]
    public async Task The_enumerators_token_reaches_the_page_requests_and_cancels_the_walk()
    {
        var source = new StubPages(Page(2, next: true), Page(2, next: true), Page(2, next: true));
        using var cancellation = new CancellationTokenSource();
        int seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (int item in AtlasPaging.EnumerateAsync<FakePage, int>(source.Fetch, itemsPerPage: 2, useTotalCount: false).WithCancellation(cancellation.Token))
            {
                if (++seen == 3)
                {
                    cancellation.Cancel();
                }
            }
        });

        Assert.Equal(3, seen);
        Assert.Equal(new[] { 1, 2 }, source.Requested);
        Assert.All(source.Tokens, token => Assert.True(token.IsCancellationRequested));
    }

    [Fact]
    public void Bad_arguments_throw_when_the_method_is_called_not_when_it_is_walked()
    {
        Assert.Throws<ArgumentNullException>(() => AtlasPaging.EnumerateAsync<FakePage, int>(null!, 10, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => AtlasPaging.EnumerateAsync<FakePage, int>(new StubPages().Fetch, 0, false));
    }

    [Fact]
    public void AsReadOnly_wraps_without_copying_when_it_can()
    {
        var list = new List<int> { 1, 2 };
        Assert.Same(list, AtlasPaging.AsReadOnly(list));
        Assert.Empty(AtlasPaging.AsReadOnly<int>(null));
        Assert.Equal(new[] { 1, 2 }, AtlasPaging.AsReadOnly(new Queue<int>(list)));

        // Links: a list of a generated link type is a list of IAtlasLink without a copy (IReadOnlyList is covariant).
        var links = new List<FakeLink> { new("next", "https://example.test/?pageNum=2") };
        Assert.Same(links, AtlasPaging.AsReadOnly<IAtlasLink>(links));
    }

    private static FakePage Page(int count, bool next = false, bool links = true, long? total = null) =>
        new(Enumerable.Range(1, count).ToList(), total, links ? (next ? new[] { new FakeLink("self", "s"), new FakeLink("next", "n") } : new[] { new FakeLink("self", "s") }) : null);

    private static async Task<List<int>> Collect(IAsyncEnumerable<int> items)
    {
        var list = new List<int>();
        await foreach (int item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private sealed record FakeLink(string? Rel, string? Href) : IAtlasLink;

    private sealed class FakePage : IAtlasPage<int>
    {
        public FakePage(IReadOnlyList<int> results, long? totalCount, IReadOnlyList<IAtlasLink>? links)
        {
            Results = results;
            TotalCount = totalCount;
            Links = links;
        }

        public IReadOnlyList<int> Results { get; }

        public long? TotalCount { get; }

        public IReadOnlyList<IAtlasLink>? Links { get; }
    }

    /// <summary>Answers page N with the Nth entry: a page, null, or an exception to throw.</summary>
    private sealed class StubPages
    {
        private readonly object?[] _pages;

        public StubPages(params object?[] pages) => _pages = pages;

        public List<int> Requested { get; } = new();

        public List<CancellationToken> Tokens { get; } = new();

        public async Task<FakePage?> FetchOrNull(int pageNum, CancellationToken cancellationToken) => await Fetch(pageNum, cancellationToken);

        public async Task<FakePage> Fetch(int pageNum, CancellationToken cancellationToken)
        {
            await Task.Yield();
            Requested.Add(pageNum);
            Tokens.Add(cancellationToken);
            return _pages[pageNum - 1] switch
            {
                Exception e => throw e,
                FakePage page => page,
                _ => null!,
            };
        }
    }
}
