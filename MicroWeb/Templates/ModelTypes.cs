using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace MicroWeb.Templates;

/// <summary>
/// Which .NET types templates may read members of. Untrimmed, every type (by reflection). Trimmed or Native AOT, the
/// trimmer removes members nothing in code uses, and Scriban would read such an object as having none: a blank page.
/// There only types whose members are known to be kept are read: those registered with
/// <see cref="TemplateEngine.AddModelType{T}"/> and a model's own type passed through <c>RenderTemplate&lt;T&gt;</c>
/// (both annotated with <see cref="DynamicallyAccessedMembersAttribute"/>, so the trimmer keeps them); any other object
/// is an error naming its type, in debug and production alike.
/// </summary>
internal sealed class ModelTypes
{
    /// <summary>What templates read of a model type, and what the annotations keep.</summary>
    public const DynamicallyAccessedMemberTypes Members = DynamicallyAccessedMemberTypes.PublicFields | DynamicallyAccessedMemberTypes.PublicProperties;

    private readonly ConcurrentDictionary<Type, bool> _registered = new();

    // The library's own objects that templates reach, kept whole, used in code or not: `request`, its uploaded files,
    // and the flashed messages of get_flashed_messages with_categories: true.
    [DynamicDependency(Members, typeof(Request))]
    [DynamicDependency(Members, typeof(UploadedFile))]
    [DynamicDependency(Members, typeof(FlashMessage))]
    [DynamicDependency(Members, typeof(Session))]
    public ModelTypes()
    {
        _registered[typeof(Request)] = true;
        _registered[typeof(UploadedFile)] = true;
        _registered[typeof(FlashMessage)] = true;
    }

    /// <summary>
    /// True unless the app is trimmed: the trimmer and the Native AOT compiler replace a guard of
    /// <see cref="RequiresUnreferencedCodeAttribute"/> with false, since they remove what reflection would need.
    /// </summary>
    [FeatureGuard(typeof(RequiresUnreferencedCodeAttribute))]
#pragma warning disable IL4000 // true on purpose: this is the untrimmed value; trimming tools substitute false
    private static bool Untrimmed => true;
#pragma warning restore IL4000

    /// <summary>Whether any type is read by reflection (untrimmed). Tests set it to false to play a trimmed app.</summary>
    public bool ReadAnyType { get; set; } = Untrimmed;

    public void Add([DynamicallyAccessedMembers(Members)] Type type) => _registered[type] = true;

    /// <summary>Throws unless templates can read <paramref name="type"/>'s members (<paramref name="kept"/>: the
    /// type a render was given statically, whose members are kept too).</summary>
    /// <exception cref="NotSupportedException">The app is trimmed and the type was not registered.</exception>
    public void EnsureReadable(Type type, Type? kept = null)
    {
        if (ReadAnyType || type == kept || _registered.ContainsKey(type)) return;
        throw new NotSupportedException(NotRegistered(type));
    }

    private static string NotRegistered(Type type) => IsAnonymous(type)
        ? $"this app is trimmed (Native AOT), and templates read an object of an anonymous type only as the model itself, passed to RenderTemplate<T> or StreamTemplate<T>; for objects inside a model use a record or class registered with app.Templates.AddModelType<T>() (docs/templates.md, Trimming and Native AOT)"
        : $"this app is trimmed (Native AOT) and templates cannot read the members of {type.FullName}: register it with app.Templates.AddModelType<{type.Name}>() at startup, so that the trimmer keeps its properties (docs/templates.md, Trimming and Native AOT)";

    private static bool IsAnonymous(Type type) =>
        type.Name.Contains("AnonymousType", StringComparison.Ordinal) && Attribute.IsDefined(type, typeof(CompilerGeneratedAttribute), false);
}
