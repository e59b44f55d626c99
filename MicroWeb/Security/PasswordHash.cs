using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MicroWeb;

/// <summary>
/// Werkzeug's <c>generate_password_hash</c> and <c>check_password_hash</c> with PBKDF2 (the BCL has no scrypt):
/// <c>pbkdf2:sha256:1000000$salt$hex</c>, the same text Werkzeug writes and reads, so a database of hashes moves
/// between a Flask app and a MicroWeb app. Checking is constant-time.
/// </summary>
public static class PasswordHash
{
    /// <summary>Iterations of new hashes: Werkzeug's default for PBKDF2-SHA256.</summary>
    public const int DefaultIterations = 1_000_000;

    private const string SaltChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>Hashes a password with a random 16-character salt.</summary>
    public static string Generate(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetString(SaltChars, 16);
        return $"pbkdf2:sha256:{iterations}${salt}${Convert.ToHexStringLower(Derive(password, salt, HashAlgorithmName.SHA256, iterations))}";
    }

    /// <summary>True when <paramref name="password"/> matches <paramref name="hash"/> (pbkdf2 with sha256 or sha512);
    /// false for a wrong password and for a hash it cannot read.</summary>
    public static bool Check(string hash, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var parts = hash?.Split('$');
        if (parts is not { Length: 3 }) return false;
        var method = parts[0].Split(':');
        if (method.Length is < 2 or > 3 || method[0] != "pbkdf2") return false;
        HashAlgorithmName? algorithm = method[1] switch { "sha256" => HashAlgorithmName.SHA256, "sha512" => HashAlgorithmName.SHA512, _ => null };
        var iterations = method.Length == 3 ? int.TryParse(method[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0 : 260_000;
        if (algorithm is null || iterations < 1) return false;
        byte[] expected;
        try { expected = Convert.FromHexString(parts[2]); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(Derive(password, parts[1], algorithm.Value, iterations), expected);
    }

    private static byte[] Derive(string password, string salt, HashAlgorithmName algorithm, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(salt), iterations, algorithm,
            algorithm == HashAlgorithmName.SHA512 ? 64 : 32);
}
