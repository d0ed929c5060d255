package rewrite

import (
	"fmt"
	"path/filepath"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/java"
)

// javaRewriter replaces string literals in Java by
// SecretsweepSecrets.get("id") (or get("id", "key") for a JSON secret), a
// package-private class generated beside the file in the same package
// (SecretsweepSecrets.java: AWS SDK for Java 2.x SecretsManagerClient with a
// ConcurrentHashMap cache, JSON keys read with the SDK's own JsonNode).
// A static final field initialised with the literal stops being a
// compile-time constant; when the file uses it in a case label or an
// annotation, or the literal itself is one, it is a manual step. Text
// blocks and strings with escapes it does not decode are manual steps.
type javaRewriter struct{}

const javaHelperClass = "SecretsweepSecrets"

func (javaRewriter) Name() string { return "java" }

func (javaRewriter) Match(path string) bool {
	return strings.HasSuffix(path, ".java") && filepath.Base(path) != javaHelperClass+".java"
}

// javaLanguage describes Java string literals.
func javaLanguage() tsLanguage {
	return tsLanguage{
		lang:    java.GetLanguage(),
		strings: map[string]bool{"string_literal": true},
		decode: func(_ *sitter.Node, raw string) (string, bool, string) {
			if strings.HasPrefix(raw, `"""`) {
				return "", false, "a text block"
			}
			if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
				return "", false, "an unusual string literal"
			}
			v, ok := decodeEscapes(raw[1 : len(raw)-1])
			if !ok {
				return "", false, "a string with escapes secretsweep does not decode"
			}
			return v, true, ""
		},
		context: func(n *sitter.Node, src []byte) string {
			if a := ancestor(n, "annotation", "marker_annotation", "switch_label", "method_declaration", "class_body"); a != nil {
				switch a.Type() {
				case "annotation", "marker_annotation":
					return "an annotation value, which must be a constant"
				case "switch_label":
					return "a case label, which must be a constant"
				}
			}
			if name := javaConstantName(n, src); name != "" && javaUsedAsConstant(n, src, name) {
				return "the value of constant " + name + ", which the file uses in a case label or an annotation"
			}
			return ""
		},
	}
}

// javaConstantName returns the name of the final variable the literal
// initialises, or "".
func javaConstantName(n *sitter.Node, src []byte) string {
	p := n.Parent()
	if p == nil || p.Type() != "variable_declarator" {
		return ""
	}
	decl := p.Parent()
	if decl == nil || (decl.Type() != "field_declaration" && decl.Type() != "local_variable_declaration" && decl.Type() != "constant_declaration") {
		return ""
	}
	name := p.ChildByFieldName("name")
	if name == nil {
		return ""
	}
	return name.Content(src)
}

// javaUsedAsConstant reports whether name appears in a case label or an
// annotation of the file.
func javaUsedAsConstant(n *sitter.Node, src []byte, name string) bool {
	root := n
	for root.Parent() != nil {
		root = root.Parent()
	}
	found := false
	tsWalk(root, func(c *sitter.Node) bool {
		if found {
			return false
		}
		if c.Type() == "identifier" && c.Content(src) == name {
			if a := ancestor(c, "annotation", "marker_annotation", "switch_label", "class_body", "block"); a != nil && (a.Type() == "annotation" || a.Type() == "marker_annotation" || a.Type() == "switch_label") {
				found = true
			}
		}
		return true
	})
	return found
}

func (javaRewriter) Rewrite(path string, src []byte, targets []Target) (*Change, error) {
	l := javaLanguage()
	tree, err := tsParse(path, src, l.lang)
	if err != nil {
		return nil, err
	}
	defer tree.Close()
	m := tsReplace(tree, src, l, targets, func(t Target) string {
		if t.Key != "" {
			return fmt.Sprintf("%s.get(%s, %s)", javaHelperClass, quoteC(t.SecretID), quoteC(t.Key))
		}
		return fmt.Sprintf("%s.get(%s)", javaHelperClass, quoteC(t.SecretID))
	})
	ch := &Change{Content: src, Manual: m.manual}
	if len(m.edits) == 0 {
		return ch, nil
	}
	out, err := applyEdits(src, m.edits)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if !tsParses(out, l.lang) {
		return nil, fmt.Errorf("%s: the rewritten Java source does not parse; file left alone", path)
	}
	ch.Content = out
	ch.Files = map[string][]byte{javaHelperClass + ".java": []byte(javaHelper(javaPackage(tree.root, src)))}
	ch.Notes = append(ch.Notes,
		"Java: "+javaHelperClass+".java needs the AWS SDK for Java 2.x: add software.amazon.awssdk:secretsmanager (Maven/Gradle, e.g. through the software.amazon.awssdk:bom)",
		"Java: fields that held the literal are no longer compile-time constants; "+javaHelperClass+".get throws when a secret cannot be read")
	finishChange(ch, targets, m.done)
	return ch, nil
}

// javaPackage returns the file's package name, or "".
func javaPackage(root *sitter.Node, src []byte) string {
	for i := 0; i < int(root.NamedChildCount()); i++ {
		c := root.NamedChild(i)
		if c.Type() != "package_declaration" {
			continue
		}
		for j := 0; j < int(c.NamedChildCount()); j++ {
			if k := c.NamedChild(j); k.Type() == "scoped_identifier" || k.Type() == "identifier" {
				return k.Content(src)
			}
		}
	}
	return ""
}

// javaHelper returns the helper class for a package.
func javaHelper(pkg string) string {
	head := ""
	if pkg != "" {
		head = "package " + pkg + ";\n\n"
	}
	return "// Generated by secretsweep migrate: reads secrets from AWS Secrets Manager.\n" + head + javaHelperBody
}

const javaHelperBody = `import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/** Reads secrets from AWS Secrets Manager once per secret and process. */
final class SecretsweepSecrets {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private SecretsweepSecrets() {}

    /** Lazily created client (default credentials, region and endpoint chain). */
    private static final class Client {
        static final SecretsManagerClient INSTANCE = SecretsManagerClient.create();
    }

    /** Returns the secret string. */
    static String get(String id) {
        return CACHE.computeIfAbsent(id, k -> Client.INSTANCE
                .getSecretValue(GetSecretValueRequest.builder().secretId(k).build())
                .secretString());
    }

    /** Returns the string under key in the secret's JSON object. */
    static String get(String id, String key) {
        return JsonNode.parser().parse(get(id)).field(key)
                .map(JsonNode::asString)
                .orElseThrow(() -> new IllegalStateException("secretsweep: secret " + id + " has no key " + key));
    }
}
`
