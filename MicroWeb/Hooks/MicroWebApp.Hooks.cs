using MicroWeb.Hooks;
using Microsoft.Extensions.Logging;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    private void RunTeardownHooks(RequestContext context, RequestHooks hooks, Exception? error)
    {
        foreach (var hook in hooks.TeardownHooks)
        {
            try { hook(context, error); }
            catch (Exception e) { Logger.LogError(e, "Teardown hook failed (request id {RequestId})", context.RequestId); }
        }
    }
}
