using System.Reflection;
using MicroWeb.Http;

namespace MicroWeb.Tests.Architecture;

/// <summary>
/// Http is the bottom layer: Routing may use it, never the reverse. Checked on the compiled library, signatures and
/// method bodies alike (a static call in a method body is a dependency as much as a field's type is).
/// </summary>
public class LayeringTests
{
    // The Http folder's public types that live in the root namespace for the user's convenience.
    private static readonly Type[] HttpTypesInRootNamespace =
        [typeof(Request), typeof(Response), typeof(HttpException), typeof(MultiDictionary), typeof(CookieOptions), typeof(UploadedFile), typeof(SameSiteMode)];

    [Fact]
    public void No_type_of_the_Http_namespace_uses_Routing()
    {
        var types = typeof(Request).Assembly.GetTypes().Where(t => t.Namespace == "MicroWeb.Http").Concat(HttpTypesInRootNamespace);
        var uses = types.SelectMany(t => RoutingUses(t, _ => true)).ToList();
        uses.ShouldBeEmpty();
    }

    [Fact]
    public void The_check_sees_a_dependency_in_a_method_body()
    {
        // UrlBuilder calls UrlEncoding (Http) in its method bodies only, and names RouteTable (Routing) in its constructor.
        Uses(typeof(MicroWeb.Routing.UrlBuilder), "MicroWeb.Http", _ => true).ShouldContain(use => use.Contains("UrlEncoding"));
        RoutingUses(typeof(MicroWeb.Routing.UrlBuilder), _ => true).ShouldContain(use => use.Contains("RouteTable"));
    }

    // The HttpListener adapter: the server and the pieces of HttpListener's internals it needs.
    private static readonly string[] HttpListenerAdapter =
        ["HttpListenerServer", "ListenerConnections", "ListenerEndPoint", "ListenerSockets", "ListenerRequestBody", "MinDataRateStream"];

    [Fact]
    public void Only_the_HttpListener_adapter_uses_HttpListener()
    {
        // Issue 23's server boundary: another server could host the pipeline without touching anything outside Hosting's adapter.
        var outside = typeof(Request).Assembly.GetTypes().Where(t => !t.IsNested && !(t.Namespace == "MicroWeb.Hosting" && HttpListenerAdapter.Contains(t.Name)));
        var uses = outside.SelectMany(t => TypeUses.Uses(t, used => used.FullName?.StartsWith("System.Net.HttpListener", StringComparison.Ordinal) == true, _ => true)).ToList();
        uses.ShouldBeEmpty();
    }

    private static List<string> RoutingUses(Type type, Func<MemberInfo, bool> include) => Uses(type, "MicroWeb.Routing", include);

    private static List<string> Uses(Type type, string ns, Func<MemberInfo, bool> include) => TypeUses.Uses(type, t => t.Namespace == ns, include);
}
