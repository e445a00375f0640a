using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>
    /// The one naming rule for everything generated from spec names (documented in the README):
    /// split the name into words at every character that is not a letter or digit, and at a lowercase
    /// letter or digit followed by an uppercase one; then start each word with an uppercase letter and
    /// keep the rest as written, except that an all-uppercase word longer than one letter is written
    /// with only its first letter uppercase when the name is an enum value (<c>IN_PROGRESS</c> ->
    /// <c>InProgress</c>). A leading digit gets a '_' prefix; a C# keyword cannot result, since every
    /// name starts uppercase. Examples: <c>_id</c> -> <c>Id</c>, <c>atlasAWSAccountArn</c> ->
    /// <c>AtlasAWSAccountArn</c>, <c>x-xgen-sha</c> -> <c>XXgenSha</c>.
    /// </summary>
    internal static class Naming
    {
        public static string ToPascalCase(string name) => Convert(name, lowerAllCapsWords: false);

        public static string ToEnumMemberName(string value) => Convert(value, lowerAllCapsWords: true);

        /// <summary><c>groupId</c> -> <c>groupId</c>, <c>Use-Effective-Fields</c> -> <c>useEffectiveFields</c>, <c>IAMRole</c> -> <c>iamRole</c>; keywords get '@'.</summary>
        public static string ToParameterName(string name)
        {
            string pascal = Naming.ToPascalCase(name).TrimStart('_');
            if (pascal.Length == 0 || char.IsDigit(pascal[0]))
            {
                pascal = "P" + pascal;
            }

            int upper = 0;
            while (upper < pascal.Length && char.IsUpper(pascal[upper]))
            {
                upper++;
            }

            // Keep the capital that starts the next word: "IAMRole" -> "iam" + "Role".
            int lower = upper > 1 && upper < pascal.Length && char.IsLower(pascal[upper]) ? upper - 1 : Math.Max(upper, 1);
            string camel = pascal.Substring(0, lower).ToLowerInvariant() + pascal.Substring(lower);
            return SyntaxFacts.GetKeywordKind(camel) != SyntaxKind.None ? "@" + camel : camel;
        }

        private static string Convert(string name, bool lowerAllCapsWords)
        {
            var result = new StringBuilder(name.Length);
            foreach (string word in SplitWords(name))
            {
                bool allCaps = word.Length > 1 && IsAllUpper(word);
                result.Append(char.ToUpperInvariant(word[0]));
                result.Append(lowerAllCapsWords && allCaps ? word.Substring(1).ToLowerInvariant() : word.Substring(1));
            }

            if (result.Length == 0)
            {
                return "Value";
            }

            if (char.IsDigit(result[0]))
            {
                result.Insert(0, '_');
            }

            return result.ToString();
        }

        private static IEnumerable<string> SplitWords(string name)
        {
            var word = new StringBuilder();
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (!char.IsLetterOrDigit(c) || c > 127)
                {
                    if (word.Length > 0)
                    {
                        yield return word.ToString();
                        word.Clear();
                    }

                    continue;
                }

                if (word.Length > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
                {
                    yield return word.ToString();
                    word.Clear();
                }

                word.Append(c);
            }

            if (word.Length > 0)
            {
                yield return word.ToString();
            }
        }

        private static bool IsAllUpper(string word)
        {
            foreach (char c in word)
            {
                if (char.IsLower(c))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Hands out unique names in one scope, suffixing 2, 3, ... on a clash.</summary>
    internal sealed class NameScope
    {
        private readonly HashSet<string> _taken;

        public NameScope(IEnumerable<string>? reserved = null) => _taken = new HashSet<string>(reserved ?? System.Array.Empty<string>(), System.StringComparer.Ordinal);

        public bool IsTaken(string name) => _taken.Contains(name);

        public string Claim(string name)
        {
            string candidate = name;
            for (int i = 2; !_taken.Add(candidate); i++)
            {
                candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return candidate;
        }
    }
}
