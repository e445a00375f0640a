using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using AtlasAccessGen.IntegrationTests;

namespace AtlasAccessGen.Runtime.Tests;

/// <summary>
/// Apache httpd with mod_auth_digest on 127.0.0.1, configured like Atlas's challenge
/// (<c>realm="MMS Public API", qop="auth", algorithm=MD5</c>) and proxying to a <see cref="LoopbackServer"/>
/// that records what got through. <c>/short/</c> has a one-second nonce lifetime, to force expiry.
/// Started once per test class, stopped when the class is done.
/// </summary>
public sealed class ApacheDigestServer : IDisposable
{
    public const string Realm = "MMS Public API";
    public const string PublicKey = "pubkey-abcdef";
    public const string PrivateKey = "0c8d4e1f-priv-4a7b-9e2d-secret123456";

    private static readonly string[] Modules =
    {
        "mpm_event", "authn_core", "authn_file", "authz_core", "authz_user", "auth_digest", "proxy", "proxy_http",
    };

    private readonly Process _apache;
    private readonly string _directory;

    public ApacheDigestServer()
    {
        string binary = new[] { "/usr/sbin/apache2", "/usr/sbin/httpd", "/usr/local/apache2/bin/httpd" }.FirstOrDefaultExisting()
            ?? throw new InvalidOperationException("Apache httpd is not installed. Run ./test.sh, which installs it (apt-get install apache2), or install it yourself.");
        string modules = new[] { "/usr/lib/apache2/modules", "/usr/lib64/httpd/modules", "/usr/local/apache2/modules" }.FirstOrDefaultExisting()
            ?? throw new InvalidOperationException("Apache httpd's modules directory was not found.");

        Backend = new LoopbackServer(LoopbackResponse.Json("{\"ok\":true}"));
        _directory = Directory.CreateTempSubdirectory("atlas-httpd-").FullName;
        int port = FreePort();
        BaseAddress = new Uri("http://127.0.0.1:" + port + "/");
        WriteFiles(modules, port);

        _apache = Process.Start(new ProcessStartInfo(binary, "-f " + Path.Combine(_directory, "httpd.conf") + " -DFOREGROUND")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        WaitUntilListening(port);
    }

    /// <summary>Where Apache listens; every path needs Digest, <c>/short/</c> with a one-second nonce lifetime.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The endpoint behind Apache: what it records passed authentication.</summary>
    public LoopbackServer Backend { get; }

    public string ErrorLog => File.Exists(Path.Combine(_directory, "error.log")) ? File.ReadAllText(Path.Combine(_directory, "error.log")) : string.Empty;

    public void Dispose()
    {
        try
        {
            if (!_apache.HasExited)
            {
                _apache.Kill(entireProcessTree: true);
                _apache.WaitForExit(5000);
            }
        }
        finally
        {
            _apache.Dispose();
            Backend.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private void WriteFiles(string modules, int port)
    {
        // htdigest's format: user:realm:MD5(user:realm:password).
        string ha1 = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(PublicKey + ":" + Realm + ":" + PrivateKey))).ToLowerInvariant();
        File.WriteAllText(Path.Combine(_directory, "digest.users"), PublicKey + ":" + Realm + ":" + ha1 + "\n");

        var conf = new StringBuilder();
        foreach (string module in Modules)
        {
            conf.AppendLine("LoadModule " + module + "_module " + Path.Combine(modules, "mod_" + module + ".so"));
        }

        if (Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows())
        {
            // Apache will not serve as root; its workers switch to this user, so the files must be readable by it.
            conf.AppendLine("User daemon").AppendLine("Group daemon");
            File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        string backend = Backend.BaseAddress.AbsoluteUri;
        conf.Append($"""
            ServerRoot "{_directory}"
            DefaultRuntimeDir "{_directory}"
            PidFile "{_directory}/httpd.pid"
            ErrorLog "{_directory}/error.log"
            LogLevel warn
            Listen 127.0.0.1:{port}
            ServerName 127.0.0.1
            <Location "/">
                AuthType Digest
                AuthName "{Realm}"
                AuthDigestDomain /
                AuthDigestProvider file
                AuthUserFile "{_directory}/digest.users"
                AuthDigestAlgorithm MD5
                AuthDigestQop auth
                Require valid-user
            </Location>
            <Location "/short/">
                AuthDigestNonceLifetime 1
            </Location>
            ProxyPass "/" "{backend}"
            ProxyPassReverse "/" "{backend}"

            """);
        File.WriteAllText(Path.Combine(_directory, "httpd.conf"), conf.ToString());
    }

    private void WaitUntilListening(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_apache.HasExited)
            {
                throw new InvalidOperationException("Apache httpd exited with " + _apache.ExitCode + ": " + _apache.StandardError.ReadToEnd() + ErrorLog);
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException("Apache httpd did not listen on " + port + " within 15 s: " + ErrorLog);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

internal static class PathExtensions
{
    public static string? FirstOrDefaultExisting(this string[] paths) => Array.Find(paths, p => File.Exists(p) || Directory.Exists(p));
}
