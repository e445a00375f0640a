using AtlasAccessGen.Generator.Model;
using static AtlasAccessGen.Generator.Emit.CSharpText;

namespace AtlasAccessGen.Generator.Emit
{
    internal sealed partial class SpecEmitter
    {
        private const string Workflows = "global::AtlasAccessGen.Runtime.Workflows.";

        private void WriteCloudProviderAccessWorkflows(SourceWriter writer)
        {
            CloudProviderAccessWorkflowModel workflow = _spec.CloudProviderAccessWorkflow!;
            string client = Global("I" + workflow.ClientTypeName);
            string gcp = Global(workflow.GcpTypeName);
            string status = "account." + workflow.StatusPropertyName + (workflow.StatusIsNullable ? "?.Value" : ".Value");
            writer.WriteLine($"namespace {_ns}");
            writer.OpenBrace();
            writer.WriteBlock($$"""
                /// <summary>Cloud Provider Access workflows of several calls, as Terraform's Atlas provider runs them.</summary>
                public static partial class CloudProviderAccessWorkflows
                {
                    /// <summary>
                    /// Reads a GCP service account role until Atlas has provisioned it: <c>IN_PROGRESS</c> and <c>NOT_INITIATED</c>
                    /// (and values this client does not know yet) wait, <c>COMPLETE</c> returns it, <c>FAILED</c> throws.
                    /// </summary>
                    /// <param name="client">The Cloud Provider Access client.</param>
                    /// <param name="groupId">The project.</param>
                    /// <param name="roleId">The GCP role, as created.</param>
                    /// <param name="options">Interval (default 10 s), timeout (default 10 minutes) and clock.</param>
                    /// <param name="cancellationToken">Stops the reads and the waits.</param>
                    /// <returns>The provisioned service account.</returns>
                    /// <exception cref="{{Workflows}}AtlasWorkflowException">Provisioning FAILED, or the role is not a GCP service account.</exception>
                    /// <exception cref="global::System.TimeoutException">Still not provisioned when the timeout passed.</exception>
                    /// <exception cref="{{Runtime}}AtlasApiException">A read failed.</exception>
                {{ObsoleteAttribute(workflow.GetMethodName, workflow.GetObsoleteMessage)}}    public static global::System.Threading.Tasks.Task<{{gcp}}> WaitUntilGcpServiceAccountReadyAsync(this {{client}} client, string groupId, string roleId, {{Workflows}}AtlasPollOptions? options = null, global::System.Threading.CancellationToken cancellationToken = default)
                    {
                        global::System.ArgumentNullException.ThrowIfNull(client);
                        return {{Workflows}}AtlasPolling.PollAsync(
                            async ct => await client.{{workflow.GetMethodName}}Async(groupId, roleId, null, ct).ConfigureAwait(false) as {{gcp}}
                                ?? throw new {{Workflows}}AtlasWorkflowException("The role " + roleId + " is not a GCP service account.", null),
                            static account => {{status}} switch
                            {
                                "COMPLETE" => {{Workflows}}AtlasPollState.Done,
                                "FAILED" => {{Workflows}}AtlasPollState.Failed,
                                _ => {{Workflows}}AtlasPollState.Pending,
                            },
                            static account => "status " + ({{status}} ?? "unknown"),
                            options,
                            cancellationToken);
                    }
                """);
            if (workflow.AuthorizeMethodName is { } authorize)
            {
                writer.WriteBlock($$"""

                        /// <summary>
                        /// Authorizes a role, retrying while Atlas answers <c>CANNOT_ASSUME_ROLE</c>: a new AWS IAM role or trust policy takes
                        /// a while to be visible everywhere (IAM is eventually consistent). Opt-in: the plain method fails at once.
                        /// </summary>
                        /// <param name="client">The Cloud Provider Access client.</param>
                        /// <param name="groupId">The project.</param>
                        /// <param name="roleId">The role.</param>
                        /// <param name="body">What to authorize, e.g. the IAM role ARN.</param>
                        /// <param name="options">Interval (default 10 s), timeout (default 10 minutes) and clock.</param>
                        /// <param name="cancellationToken">Stops the calls and the waits.</param>
                        /// <returns>The authorized role.</returns>
                        /// <exception cref="{{Runtime}}AtlasApiException">Any other error, or CANNOT_ASSUME_ROLE past the timeout.</exception>
                    {{ObsoleteAttribute(authorize, workflow.AuthorizeObsoleteMessage)}}    public static global::System.Threading.Tasks.Task<{{Global(workflow.AuthorizeResultTypeName!)}}> {{authorize}}WhenAssumableAsync(this {{client}} client, string groupId, string roleId, {{Global(workflow.AuthorizeBodyTypeName!)}} body, {{Workflows}}AtlasPollOptions? options = null, global::System.Threading.CancellationToken cancellationToken = default)
                        {
                            global::System.ArgumentNullException.ThrowIfNull(client);
                            return {{Workflows}}AtlasPolling.RetryWhileErrorCodeAsync(ct => client.{{authorize}}Async(groupId, roleId, body, null, ct), "CANNOT_ASSUME_ROLE", options, cancellationToken);
                        }
                    """);
            }

            writer.WriteLine("}");
            writer.CloseBrace();
        }

        /// <summary>
        /// A helper that calls an obsolete method is obsolete for the same reason: the attribute passes the warning on to
        /// the caller, and code inside an obsolete member may call obsolete members without CS0618.
        /// </summary>
        private static string ObsoleteAttribute(string calledMethod, string? message) =>
            message is null ? string.Empty : "    [global::System.Obsolete(" + Literal("Calls " + calledMethod + "Async: " + message) + ")]\n";
    }
}
