using System.Collections.Generic;

namespace AtlasAccessGen.Runtime.Paging
{
    /// <summary>
    /// One page of an Atlas list operation, as every generated <c>Paginated*</c> model exposes it: the items, the total
    /// count when it was asked for, and the links (<c>self</c>, <c>next</c>, <c>previous</c>).
    /// </summary>
    /// <typeparam name="TItem">The type of the items in <see cref="Results"/>.</typeparam>
    /// <remarks>
    /// The generated models implement it explicitly, so their own properties keep the spec's names and types; cast to
    /// the interface (or use <see cref="AtlasPaging"/>) to treat every page alike.
    /// </remarks>
    public interface IAtlasPage<out TItem>
    {
        /// <summary>The items of this page, in the order Atlas sent them; empty, never null, when the page has none.</summary>
        IReadOnlyList<TItem> Results { get; }

        /// <summary>
        /// How many items the whole list has, when the request asked for it (<c>includeCount</c>) and Atlas sent it; null otherwise.
        /// Atlas documents it as an estimate.
        /// </summary>
        long? TotalCount { get; }

        /// <summary>The page's links (<c>self</c>, <c>next</c>, <c>previous</c>), or null when the page carries none.</summary>
        IReadOnlyList<IAtlasLink>? Links { get; }
    }

    /// <summary>A link of an Atlas response (<c>{"rel": "next", "href": "https://..."}</c>), as the generated link models expose it.</summary>
    public interface IAtlasLink
    {
        /// <summary>The relation: <c>self</c>, <c>next</c>, <c>previous</c>, or a URL naming a relation.</summary>
        string? Rel { get; }

        /// <summary>The URL the link points to.</summary>
        string? Href { get; }
    }
}
