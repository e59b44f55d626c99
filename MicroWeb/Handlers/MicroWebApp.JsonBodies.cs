using MicroWeb.Http;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    /// <summary>
    /// How a handler's typed JSON body parameter is read: <see cref="JsonBodyReader.Plain"/> (System.Text.Json) by
    /// default; the MicroWeb.OpenApi package's <c>UseValidation()</c> (and <c>UseOpenApi</c>) set a reader that also
    /// enforces data annotations and answers every problem by field. Set before the app starts serving.
    /// </summary>
    public IJsonBodyReader JsonBodyReader
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            ThrowIfStarted();
            field = value;
        }
    } = Http.JsonBodyReader.Plain;
}
