using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasAccessGen.Runtime.Paging
{
    /// <summary>Walks the pages of an Atlas list operation; the generated <c>ListAll...Async</c> methods are made of it.</summary>
    public static class AtlasPaging
    {
        /// <summary>The relation of the link to the following page.</summary>
        public const string NextRelation = "next";

        /// <summary>
        /// Yields every item of every page, requesting page N (1, 2, ...) only when the consumer asks for an item past page
        /// N - 1. It stops after a page that is empty, that has fewer than <paramref name="itemsPerPage"/> items, that carries
        /// links but none with <c>rel</c> <c>next</c>, or (only when <paramref name="useTotalCount"/>) once
        /// <see cref="IAtlasPage{TItem}.TotalCount"/> items have been yielded; a null page (a 204) ends it too.
        /// </summary>
        /// <typeparam name="TPage">The generated page model.</typeparam>
        /// <typeparam name="TItem">The item type.</typeparam>
        /// <param name="fetchPage">Requests one page: the page number (from 1) and the token to pass on.</param>
        /// <param name="itemsPerPage">The page size the requests ask for (or the server's default for it); null when unknown, which turns the short-page rule off.</param>
        /// <param name="useTotalCount">Whether the requests ask for <c>totalCount</c>, so it can end the walk.</param>
        /// <param name="cancellationToken">Cancels the walk; combined with the token given to <c>GetAsyncEnumerator</c>.</param>
        /// <returns>The items; an exception of a page request surfaces from the <c>MoveNextAsync</c> that needed that page, after every item of the earlier pages.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="fetchPage"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="itemsPerPage"/> is zero or negative.</exception>
        public static IAsyncEnumerable<TItem> EnumerateAsync<TPage, TItem>(
            Func<int, CancellationToken, Task<TPage>> fetchPage,
            long? itemsPerPage,
            bool useTotalCount,
            CancellationToken cancellationToken = default)
            where TPage : IAtlasPage<TItem>?
        {
            ArgumentNullException.ThrowIfNull(fetchPage);
            if (itemsPerPage is <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(itemsPerPage), itemsPerPage, "A page holds at least one item.");
            }

            return Walk<TPage, TItem>(fetchPage, itemsPerPage, useTotalCount, cancellationToken);
        }

        /// <summary>
        /// Whether another page may follow <paramref name="page"/>, by the rules of
        /// <see cref="EnumerateAsync{TPage, TItem}(Func{int, CancellationToken, Task{TPage}}, long?, bool, CancellationToken)"/>.
        /// </summary>
        /// <param name="page">The page just read.</param>
        /// <param name="itemsPerPage">The page size asked for; null when unknown.</param>
        /// <param name="useTotalCount">Whether <see cref="IAtlasPage{TItem}.TotalCount"/> may end the walk.</param>
        /// <param name="itemsSoFar">Items read so far, this page's included.</param>
        public static bool HasNextPage<TItem>(IAtlasPage<TItem> page, long? itemsPerPage, bool useTotalCount, long itemsSoFar)
        {
            ArgumentNullException.ThrowIfNull(page);
            int count = page.Results.Count;
            if (count == 0 || (itemsPerPage is { } size && count < size))
            {
                return false;
            }

            // A page without links says nothing about a next one; only a page that has links but no 'next' ends the walk.
            if (page.Links is { } links && !links.Any(link => string.Equals(link?.Rel, NextRelation, StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }

            return !(useTotalCount && page.TotalCount is { } total && itemsSoFar >= total);
        }

        /// <summary>A list as <see cref="IReadOnlyList{T}"/> without copying when it already is one; null is an empty list.</summary>
        public static IReadOnlyList<T> AsReadOnly<T>(IEnumerable<T>? items) => items switch
        {
            null => Array.Empty<T>(),
            IReadOnlyList<T> list => list,
            _ => items.ToList(),
        };

        private static async IAsyncEnumerable<TItem> Walk<TPage, TItem>(
            Func<int, CancellationToken, Task<TPage>> fetchPage,
            long? itemsPerPage,
            bool useTotalCount,
            [EnumeratorCancellation] CancellationToken cancellationToken)
            where TPage : IAtlasPage<TItem>?
        {
            long itemsSoFar = 0;
            for (int pageNum = 1; pageNum > 0; pageNum++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                TPage page = await fetchPage(pageNum, cancellationToken).ConfigureAwait(false);
                if (page is null)
                {
                    yield break;
                }

                IReadOnlyList<TItem> results = page.Results ?? Array.Empty<TItem>();
                foreach (TItem item in results)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    itemsSoFar++;
                    yield return item;
                }

                if (!HasNextPage(page, itemsPerPage, useTotalCount, itemsSoFar))
                {
                    yield break;
                }
            }
        }
    }
}
