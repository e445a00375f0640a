using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AtlasAccessGen.Generator.Model;

namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>
    /// Finds the list pages, the links and the operations that can be walked page by page, by shape rather than by name
    /// (<c>Paginated*</c> is a convention of the Atlas spec, not a rule): see <see cref="PageModel"/>, <see cref="LinkModel"/>
    /// and <see cref="PagingMethodModel"/>.
    /// </summary>
    internal static class PagingReader
    {
        public static (ImmutableEquatableArray<PageModel> Pages, ImmutableEquatableArray<LinkModel> Links, ImmutableEquatableArray<ClientModel> Clients) Read(
            ImmutableEquatableArray<ClientModel> clients, IReadOnlyCollection<ObjectModel> objects)
        {
            var links = objects.Where(IsPlain).Select(ReadLink).Where(l => l is not null).Select(l => l!).ToList();
            var linkTypes = new HashSet<string>(links.Select(l => l.TypeName), StringComparer.Ordinal);
            var pages = objects.Where(IsPlain).Select(o => ReadPage(o, linkTypes)).Where(p => p is not null).Select(p => p!).ToList();
            var pageTypes = pages.ToDictionary(p => p.TypeName, StringComparer.Ordinal);
            var withPaging = clients.Select(c => c with { PagingMethods = ReadPagingMethods(c, pageTypes) }).ToImmutableEquatableArray();
            return (pages.ToImmutableEquatableArray(), links.ToImmutableEquatableArray(), withPaging);
        }

        /// <summary><c>ListProjects</c> -> <c>ListAllProjects</c>: "All" after the leading verb (after the whole name when it is one word).</summary>
        public static string PagingMethodName(string methodName)
        {
            int second = 1;
            while (second < methodName.Length && !char.IsUpper(methodName[second]))
            {
                second++;
            }

            return methodName.Substring(0, second) + "All" + methodName.Substring(second);
        }

        /// <summary>Outside any hierarchy: a variant or a base would implement the interfaces twice over.</summary>
        private static bool IsPlain(ObjectModel model) =>
            model.BaseName is null && model.Discriminator is null && model.DiscriminatorValues is null && model.UnknownVariantOf is null;

        private static LinkModel? ReadLink(ObjectModel model)
        {
            PropertyModel? rel = Property(model, "rel", t => t.Kind == TypeKind.String);
            PropertyModel? href = Property(model, "href", t => t.Kind == TypeKind.String);
            return rel is null || href is null ? null : new LinkModel(model.Name, rel.Name, href.Name);
        }

        private static PageModel? ReadPage(ObjectModel model, HashSet<string> linkTypes)
        {
            if (Property(model, "results", t => t.Kind == TypeKind.Array) is not { } results)
            {
                return null;
            }

            PropertyModel? totalCount = Property(model, "totalCount", t => t.Kind is TypeKind.Int32 or TypeKind.Int64);
            PropertyModel? pageLinks = Property(model, "links", t => t.Kind == TypeKind.Array && t.Item is { Kind: TypeKind.Object, Name: { } item } && linkTypes.Contains(item));
            return new PageModel(model.Name, results.Type.Item!, results.Name, totalCount?.Name, pageLinks?.Name);
        }

        private static PropertyModel? Property(ObjectModel model, string jsonName, Func<TypeRef, bool> type) =>
            model.AllProperties.FirstOrDefault(p => p.JsonName == jsonName && type(p.Type));

        private static ImmutableEquatableArray<PagingMethodModel> ReadPagingMethods(ClientModel client, Dictionary<string, PageModel> pages)
        {
            // The client's methods are named already: a paging method takes the next free name beside them.
            var names = new NameScope(client.Operations.SelectMany(o => o.Versions.Select(v => o.MethodName + v.MethodSuffix).Prepend(o.MethodName)).Distinct());
            var methods = new List<PagingMethodModel>();
            foreach (OperationModel operation in client.Operations)
            {
                // Only reads: a POST or PUT that answers a page (an access list after adding to it) would repeat its change per page.
                if (operation.HttpMethod != "GET"
                    || operation.Versions.FirstOrDefault(v => v.IsDefault && v.MethodSuffix.Length == 0) is not { ResultKind: ResultKind.Json, Result: { Kind: TypeKind.Object, Name: { } pageType } }
                    || !pages.TryGetValue(pageType, out PageModel? page)
                    || QueryParameter(operation, "pageNum", IsInteger) is not { } pageNum
                    || QueryParameter(operation, "itemsPerPage", IsInteger) is not { } itemsPerPage)
                {
                    continue;
                }

                ParameterModel? includeCount = QueryParameter(operation, "includeCount", t => t.Kind == TypeKind.Boolean);
                string? defaultSize = long.TryParse(itemsPerPage.DefaultValue, NumberStyles.None, CultureInfo.InvariantCulture, out long size) && size > 0
                    ? size.ToString(CultureInfo.InvariantCulture)
                    : null;
                methods.Add(new PagingMethodModel(
                    names.Claim(PagingMethodName(operation.MethodName)),
                    operation.MethodName,
                    page.TypeName,
                    page.ItemType,
                    pageNum.JsonName,
                    itemsPerPage.Name,
                    defaultSize,
                    includeCount?.Name));
            }

            return methods.ToImmutableEquatableArray();
        }

        private static bool IsInteger(TypeRef type) => type.Kind is TypeKind.Int32 or TypeKind.Int64;

        private static ParameterModel? QueryParameter(OperationModel operation, string jsonName, Func<TypeRef, bool> type) =>
            operation.Parameters.FirstOrDefault(p => p.In == ParameterLocation.Query && p.JsonName == jsonName && type(p.Type));
    }
}
