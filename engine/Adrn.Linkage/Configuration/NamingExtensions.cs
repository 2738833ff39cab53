using System.Text;

namespace Adrn.Linkage.Configuration;

/// <summary>snake_case spelling of enum values, as used in the job JSON.</summary>
internal static class NamingExtensions
{
    public static string ToSnakeCase(this string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
