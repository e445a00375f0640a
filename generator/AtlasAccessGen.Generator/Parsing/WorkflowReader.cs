using System;
using System.Collections.Generic;
using System.Linq;
using AtlasAccessGen.Generator.Model;

namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>
    /// Finds the operations and types the known workflows need, by shape rather than by name (upstream renamed
    /// every Cloud Provider Access operationId on 2025-10-07): GET and PATCH on
    /// <c>/groups/{groupId}/cloudProviderAccess/{roleId}</c>, and a role variant with a <c>status</c> enum that has
    /// <c>COMPLETE</c> and <c>FAILED</c>.
    /// </summary>
    internal static class WorkflowReader
    {
        private const string RolePath = "/api/atlas/v2/groups/{groupId}/cloudProviderAccess/{roleId}";

        public static CloudProviderAccessWorkflowModel? Read(IEnumerable<ClientModel> clients, IReadOnlyCollection<ObjectModel> objects, IReadOnlyCollection<EnumModel> enums)
        {
            foreach (ClientModel client in clients)
            {
                OperationModel? get = Find(client, "GET");
                if (get?.Versions.FirstOrDefault(v => v.IsDefault) is not { Result: { Kind: TypeKind.Object, Name: string roleType } })
                {
                    continue;
                }

                foreach (ObjectModel gcp in objects.Where(o => o.BaseName == roleType && o.Name.IndexOf("GCP", StringComparison.OrdinalIgnoreCase) >= 0))
                {
                    PropertyModel? status = gcp.AllProperties.FirstOrDefault(p => p.JsonName == "status" && p.Type.Kind == TypeKind.Enum);
                    EnumModel? values = status is null ? null : enums.FirstOrDefault(e => e.Name == status.Type.Name);
                    if (status is null || values is null || !values.Members.Any(m => m.Value == "COMPLETE") || !values.Members.Any(m => m.Value == "FAILED"))
                    {
                        continue;
                    }

                    OperationModel? authorize = Find(client, "PATCH");
                    OperationVersionModel? authorizeVersion = authorize?.Versions.FirstOrDefault(v => v.IsDefault);
                    bool canAuthorize = authorizeVersion is { Body: { IsRequired: true, Type.Kind: TypeKind.Object }, Result.Kind: TypeKind.Object, ResultMayBeEmpty: false };
                    return new CloudProviderAccessWorkflowModel(
                        client.TypeName,
                        get.MethodName,
                        roleType,
                        gcp.Name,
                        status.Name,
                        status.AllowsNull,
                        canAuthorize ? authorize!.MethodName : null,
                        canAuthorize ? authorizeVersion!.Body!.Type.Name : null,
                        canAuthorize ? authorizeVersion!.Result!.Name : null,
                        get.ObsoleteMessage(get.Versions.First(v => v.IsDefault)),
                        canAuthorize ? authorize!.ObsoleteMessage(authorizeVersion!) : null);
                }
            }

            return null;
        }

        /// <summary>The operation on the role path with that method, taking exactly groupId and roleId as strings and answering JSON.</summary>
        private static OperationModel? Find(ClientModel client, string method) =>
            client.Operations.FirstOrDefault(o =>
                o.HttpMethod == method
                && o.Path == RolePath
                && o.Parameters.Count == 2
                && o.Parameters.All(p => p.In == ParameterLocation.Path && p.Type.Kind == TypeKind.String)
                && o.Versions.Any(v => v.IsDefault && v.ResultKind == ResultKind.Json));
    }
}
