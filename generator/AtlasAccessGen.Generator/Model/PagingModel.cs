namespace AtlasAccessGen.Generator.Model
{
    /// <summary>
    /// A generated class that is one page of a list (<c>Paginated*</c>): it implements the runtime's <c>IAtlasPage&lt;T&gt;</c>.
    /// The rule, by shape: a class outside any hierarchy with an array property <c>results</c>; <c>totalCount</c> counts
    /// when it is an integer, <c>links</c> when its items are a <see cref="LinkModel"/>.
    /// </summary>
    /// <param name="TypeName">The page class.</param>
    /// <param name="ItemType">The type of the items of <c>results</c>.</param>
    /// <param name="ResultsProperty">The C# property of <c>results</c>.</param>
    /// <param name="TotalCountProperty">The C# property of <c>totalCount</c>, when the page has one.</param>
    /// <param name="LinksProperty">The C# property of <c>links</c>, when the page has one of link objects.</param>
    internal sealed record PageModel(string TypeName, TypeRef ItemType, string ResultsProperty, string? TotalCountProperty, string? LinksProperty);

    /// <summary>A generated class that is a link (string properties <c>rel</c> and <c>href</c>): it implements the runtime's <c>IAtlasLink</c>.</summary>
    internal sealed record LinkModel(string TypeName, string RelProperty, string HrefProperty);

    /// <summary>
    /// The method that walks every page of a list operation: a GET whose default version answers a <see cref="PageModel"/>
    /// and that takes the query parameters <c>pageNum</c> and <c>itemsPerPage</c>.
    /// </summary>
    /// <param name="Name">The method name without <c>Async</c> (<c>ListProjects</c> -> <c>ListAllProjects</c>), unique in its client.</param>
    /// <param name="OperationMethodName">The operation's <see cref="OperationModel.MethodName"/>: the method each page is requested with.</param>
    /// <param name="PageTypeName">The page class.</param>
    /// <param name="ItemType">The type of the items it yields.</param>
    /// <param name="PageNumJsonName">The page number parameter, which the walk sets and the method does not take.</param>
    /// <param name="ItemsPerPageName">The C# name of the <c>itemsPerPage</c> parameter.</param>
    /// <param name="ItemsPerPageDefault">The spec's default page size (the server's when the parameter is left out), as an integer literal.</param>
    /// <param name="IncludeCountName">The C# name of the boolean <c>includeCount</c> parameter, when the operation has one.</param>
    internal sealed record PagingMethodModel(
        string Name,
        string OperationMethodName,
        string PageTypeName,
        TypeRef ItemType,
        string PageNumJsonName,
        string ItemsPerPageName,
        string? ItemsPerPageDefault,
        string? IncludeCountName);
}
