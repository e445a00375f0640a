namespace AtlasAccessGen.Generator.Model
{
    /// <summary>
    /// The Cloud Provider Access workflows Terraform's provider runs, when the spec has what they need: wait for a
    /// GCP service account to finish provisioning, and authorize an AWS role while IAM catches up.
    /// </summary>
    /// <param name="ClientTypeName">The tag client the helpers extend (through its interface).</param>
    /// <param name="GetMethodName">GET .../cloudProviderAccess/{roleId}, without <c>Async</c>.</param>
    /// <param name="RoleTypeName">What the GET returns (the polymorphic role).</param>
    /// <param name="GcpTypeName">The GCP variant with the provisioning status.</param>
    /// <param name="StatusPropertyName">The status property of <paramref name="GcpTypeName"/>.</param>
    /// <param name="StatusIsNullable">Whether that property can be null (it is optional in the spec).</param>
    /// <param name="AuthorizeMethodName">PATCH .../cloudProviderAccess/{roleId}, without <c>Async</c>, when present.</param>
    /// <param name="AuthorizeBodyTypeName">Its body type.</param>
    /// <param name="AuthorizeResultTypeName">What it returns (the role, in every spec so far).</param>
    /// <param name="GetObsoleteMessage">Why the GET is obsolete, if it is: the helper that calls it is obsolete too.</param>
    /// <param name="AuthorizeObsoleteMessage">Why the PATCH is obsolete, if it is.</param>
    internal sealed record CloudProviderAccessWorkflowModel(
        string ClientTypeName,
        string GetMethodName,
        string RoleTypeName,
        string GcpTypeName,
        string StatusPropertyName,
        bool StatusIsNullable,
        string? AuthorizeMethodName,
        string? AuthorizeBodyTypeName,
        string? AuthorizeResultTypeName,
        string? GetObsoleteMessage,
        string? AuthorizeObsoleteMessage);
}
