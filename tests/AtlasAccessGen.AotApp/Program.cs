using System;
using System.IO;
using System.Runtime.CompilerServices;
using AotApp;

// AtlasAccessGen.AotApp <emulator base address> <public key> <private key>
// Round-trips every generated type, then drives the emulator at that address with Digest auth. Prints stable lines;
// any failure is a "FAIL:" line and exit code 1.
if (args.Length != 3 || !Uri.TryCreate(args[0], UriKind.Absolute, out Uri? baseAddress))
{
    Console.Error.WriteLine("usage: AtlasAccessGen.AotApp <emulator base address> <public key> <private key>");
    return 2;
}

int failures = 0;
void Print(string line) => Console.WriteLine(line);
void Fail(string line)
{
    failures++;
    Console.WriteLine("FAIL: " + line);
}

// Which executable runs the checks: the native binary itself, or the dotnet host when run as a .dll. (PublishAot turns
// RuntimeFeature.IsDynamicCodeSupported off in a plain build's runtimeconfig too, so that cannot tell them apart.)
Print("runtime: " + Path.GetFileName(Environment.ProcessPath) + (RuntimeFeature.IsDynamicCodeSupported ? ", dynamic code supported" : ", no dynamic code"));

int types = JsonChecks.Run(Print, Fail);
Print("json: " + types + " types round-trip");

try
{
    await HttpChecks.RunAsync(baseAddress, args[1], args[2], Print, Fail).ConfigureAwait(false);
}
catch (Exception e)
{
    Fail("http: " + e.GetType().Name + ": " + e.Message);
}

Print(failures == 0 ? "result: ok" : "result: " + failures + " failed");
return failures == 0 ? 0 : 1;
