using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PaperDigest.Testing;

/// <summary>
/// The Kestrel server the tests' stand-ins for arXiv and GitHub run on: 127.0.0.1, a free port, no logging. One source file,
/// compiled into each test project that serves HTTP (tests/Shared).
/// </summary>
internal static class LoopbackHost
{
    /// <summary>A host that is built but not started; the caller maps its routes or handler before starting it.</summary>
    public static WebApplication Create()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        return builder.Build();
    }

    /// <summary>Starts the host with one handler for every request and gives its base address (no trailing slash).</summary>
    public static Task<string> StartAsync(WebApplication app, RequestDelegate handler)
    {
        app.Run(handler);
        return StartAsync(app);
    }

    /// <summary>Starts the host with the routes already mapped and gives its base address (no trailing slash).</summary>
    public static async Task<string> StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        await app.StartAsync(cancellationToken);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }
}
