using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AtlasAccessGen.Emulator;

/// <summary>
/// The projects <c>GET /api/atlas/v2/groups</c> (listGroups) pages through, as Atlas answers it: a
/// <c>PaginatedAtlasGroupView</c> with <c>results</c>, <c>totalCount</c> unless <c>includeCount=false</c>, and
/// <c>links</c> with <c>self</c>, <c>previous</c> and <c>next</c>. The projects are made up front
/// (<see cref="AtlasEmulatorOptions.SeededProjects"/>), with ids and names from their position, so a test knows them.
/// </summary>
internal sealed class ProjectStore
{
    /// <summary>The organization every seeded project belongs to.</summary>
    public const string OrgId = "5f3c2b1a0e9d8c7b6a590001";

    public const int DefaultItemsPerPage = 100;

    public const int MaxItemsPerPage = 500;

    private static readonly DateTimeOffset FirstCreated = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly int _count;

    public ProjectStore(AtlasEmulatorOptions options) => _count = options.SeededProjects;

    /// <summary>The id of the seeded project at <paramref name="index"/> (from 0): 24 hex digits.</summary>
    public static string Id(int index) => "6" + (index + 1).ToString("x23", CultureInfo.InvariantCulture);

    public EmulatorResult List(HttpRequest request)
    {
        IQueryCollection query = request.Query;
        if (!TryInteger(query, "itemsPerPage", DefaultItemsPerPage, out int itemsPerPage) || itemsPerPage < 1 || itemsPerPage > MaxItemsPerPage)
        {
            return EmulatorResult.Error(400, "INVALID_QUERY_PARAMETER", "itemsPerPage must be an integer from 1 to " + MaxItemsPerPage + "; got '" + query["itemsPerPage"] + "'.");
        }

        if (!TryInteger(query, "pageNum", 1, out int pageNum) || pageNum < 1)
        {
            return EmulatorResult.Error(400, "INVALID_QUERY_PARAMETER", "pageNum must be an integer from 1; got '" + query["pageNum"] + "'.");
        }

        string includeCount = query["includeCount"].ToString();
        if (includeCount.Length > 0 && !bool.TryParse(includeCount, out _))
        {
            return EmulatorResult.Error(400, "INVALID_QUERY_PARAMETER", "includeCount must be true or false; got '" + includeCount + "'.");
        }

        long first = (long)(pageNum - 1) * itemsPerPage;
        int take = (int)Math.Clamp(_count - first, 0, itemsPerPage);
        var results = new JsonArray(Enumerable.Range((int)Math.Min(first, _count), take).Select(i => (JsonNode)Project(i)).ToArray());
        var links = new JsonArray { Link(request, pageNum, itemsPerPage, "self") };
        if (pageNum > 1)
        {
            links.Add(Link(request, pageNum - 1, itemsPerPage, "previous"));
        }

        if (first + itemsPerPage < _count)
        {
            links.Add(Link(request, pageNum + 1, itemsPerPage, "next"));
        }

        var page = new JsonObject { ["links"] = links, ["results"] = results };
        if (!string.Equals(includeCount, "false", StringComparison.OrdinalIgnoreCase))
        {
            page["totalCount"] = _count;
        }

        return new EmulatorResult(200, page);
    }

    private static JsonObject Project(int index) => new()
    {
        ["clusterCount"] = 0,
        ["created"] = FirstCreated.AddMinutes(index).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["id"] = Id(index),
        ["links"] = new JsonArray(),
        ["name"] = "project-" + (index + 1).ToString("D5", CultureInfo.InvariantCulture),
        ["orgId"] = OrgId,
        ["tags"] = new JsonArray(),
    };

    /// <summary>Atlas's links are absolute and repeat the query with the page number of the page they point to.</summary>
    private static JsonObject Link(HttpRequest request, int pageNum, int itemsPerPage, string rel)
    {
        var parameters = request.Query
            .Where(p => p.Key is not ("pageNum" or "itemsPerPage"))
            .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value.ToString()))
            .Prepend("itemsPerPage=" + itemsPerPage.ToString(CultureInfo.InvariantCulture))
            .Prepend("pageNum=" + pageNum.ToString(CultureInfo.InvariantCulture));
        return new JsonObject
        {
            ["href"] = request.Scheme + "://" + request.Host + request.PathBase + request.Path + "?" + string.Join("&", parameters),
            ["rel"] = rel,
        };
    }

    private static bool TryInteger(IQueryCollection query, string name, int fallback, out int value)
    {
        string text = query[name].ToString();
        if (text.Length == 0)
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
