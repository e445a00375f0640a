namespace AtlasAccessGen.Generator.Model
{
    /// <summary>
    /// Everything the emitter needs from one spec, in the generator's own terms.
    /// </summary>
    /// <remarks>
    /// Caching contract: this record and everything it holds compare by value (strings, bools, enums,
    /// nested records and <see cref="ImmutableEquatableArray{T}"/>), never by reference, and hold no
    /// NSwag or Roslyn objects. The driver compares the previous and the new <see cref="ApiSpec"/> and
    /// skips emission when they are equal, so a change that does not alter the model emits nothing.
    /// </remarks>
    /// <param name="OperationKeys">Every operation of the document (<c>GET /path</c>), generated or not: a spec update
    /// that only moves an operation out of <c>Tags</c> or the pin has not removed it.</param>
    internal sealed record ApiSpec(
        string Namespace,
        string SpecPath,
        string SpecFileName,
        string InfoTitle,
        string InfoVersion,
        string? XgenSha,
        ImmutableEquatableArray<ObjectModel> Objects,
        ImmutableEquatableArray<EnumModel> Enums,
        string? ApiVersion,
        ImmutableEquatableArray<ClientModel> Clients,
        CloudProviderAccessWorkflowModel? CloudProviderAccessWorkflow,
        Input.ProjectAnchor? NamespaceAnchor,
        ImmutableEquatableArray<PageModel> Pages,
        ImmutableEquatableArray<LinkModel> Links,
        ImmutableEquatableArray<string> OperationKeys)
    {
        /// <summary>
        /// The spec without what only the clients read (operations, the workflow, the operation keys, the project
        /// file's position): what the models are emitted from, so an edit of an operation leaves them cached.
        /// </summary>
        public ApiSpec WithoutOperations() => this with
        {
            Clients = ImmutableEquatableArray<ClientModel>.Empty,
            CloudProviderAccessWorkflow = null,
            NamespaceAnchor = null,
            OperationKeys = ImmutableEquatableArray<string>.Empty,
        };
    }
}
