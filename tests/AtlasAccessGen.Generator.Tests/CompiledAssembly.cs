using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// Emits a generator outcome's compilation and loads it into a collectible context, so a test can call
/// the generated client for real and see the request it sends.
/// </summary>
public sealed class CompiledAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private CompiledAssembly(AssemblyLoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    public static CompiledAssembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        EmitResult result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException("The generated code does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        }

        image.Position = 0;
        var context = new AssemblyLoadContext("Consumer" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return new CompiledAssembly(context, context.LoadFromStream(image));
    }

    /// <summary>Creates the generated root client over a handler that records requests and answers with <paramref name="respond"/>.</summary>
    public (object Client, RecordingHandler Handler) CreateClient(string ns, Func<HttpRequestMessage, HttpResponseMessage>? respond = null)
    {
        var handler = new RecordingHandler(respond ?? (_ => new HttpResponseMessage(HttpStatusCode.NoContent)));
        var http = new HttpClient(handler) { BaseAddress = new Uri("https://atlas.test/") };
        Type type = Assembly.GetType(ns + ".AtlasClient", throwOnError: true)!;
        return (Activator.CreateInstance(type, http, null)!, handler);
    }

    /// <summary>Calls a generated method with the given arguments by name, every other parameter left at its default.</summary>
    public static async Task InvokeAsync(object target, string methodName, IReadOnlyDictionary<string, object?> arguments)
    {
        MethodInfo method = target.GetType().GetMethod(methodName) ?? throw new MissingMethodException(target.GetType().Name, methodName);
        object?[] values = method.GetParameters()
            .Select(p => arguments.TryGetValue(p.Name!, out object? value)
                ? value
                : p.Name == "body" ? Activator.CreateInstance(p.ParameterType) : p.HasDefaultValue ? p.DefaultValue : null)
            .ToArray();
        try
        {
            await (Task)method.Invoke(target, values)!;
        }
        catch (AtlasAccessGen.Runtime.AtlasApiException)
        {
            // The recording handler's answer does not matter to these tests, only the request.
        }
    }

    public static object Property(object target, string name) =>
        target.GetType().GetProperty(name)?.GetValue(target) ?? throw new MissingMemberException(target.GetType().Name, name);

    public void Dispose() => _context.Unload();

    public sealed class RecordingHandler : HttpMessageHandler
    {
        private readonly Func<HttpRequestMessage, HttpResponseMessage> _respond;

        public RecordingHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) => _respond = respond;

        public List<RecordedRequest> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new RecordedRequest(
                request.Method.Method,
                request.RequestUri!.PathAndQuery,
                request.Headers.Accept.Select(a => a.ToString()).ToList(),
                request.Content?.Headers.ContentType?.ToString(),
                body,
                request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase)));
            return _respond(request);
        }
    }

    public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyList<string> Accept, string? ContentType, string? Body, IReadOnlyDictionary<string, string> Headers);
}
