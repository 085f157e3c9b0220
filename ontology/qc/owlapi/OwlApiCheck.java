// Loads ontology files with the OWL API (the library Protégé is built on) and reports, per
// file: parse errors, triples the parser could not interpret, unresolved imports and
// OWL 2 DL profile violations. Imports are resolved through catalog-v001.xml only;
// nothing is fetched from the network.
//
//   java -cp "/usr/share/java/*:." OwlApiCheck CATALOG FILE... [--save-rdfxml OUT] [--save-turtle OUT]
//
// Exit code 0: every file loaded cleanly and is OWL 2 DL; 1: problems; 2: usage error.

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.RDFJsonLDDocumentFormat;
import org.semanticweb.owlapi.formats.RDFXMLDocumentFormat;
import org.semanticweb.owlapi.formats.TurtleDocumentFormat;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.io.RDFParserMetaData;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLDocumentFormat;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.util.SimpleIRIMapper;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public class OwlApiCheck {
    static List<SimpleIRIMapper> catalog(File file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setExpandEntityReferences(false);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(file);
        NodeList entries = document.getElementsByTagNameNS("*", "uri");
        List<SimpleIRIMapper> mappers = new ArrayList<>();
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            File target = new File(file.getParentFile(), entry.getAttribute("uri"));
            mappers.add(new SimpleIRIMapper(IRI.create(entry.getAttribute("name")), IRI.create(target)));
        }
        return mappers;
    }

    // The syntax a file's extension names: only that parser is tried (the OWL API would
    // otherwise try every parser, and one of them accepts almost anything).
    static OWLDocumentFormat formatOf(String path) {
        if (path.endsWith(".ttl")) return new TurtleDocumentFormat();
        if (path.endsWith(".jsonld")) return new RDFJsonLDDocumentFormat();
        return new RDFXMLDocumentFormat();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: OwlApiCheck CATALOG FILE... [--save-rdfxml OUT] [--save-turtle OUT]");
            System.exit(2);
        }
        File catalogFile = new File(args[0]);
        List<String> files = new ArrayList<>();
        String saveRdfXml = null, saveTurtle = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--save-rdfxml")) saveRdfXml = args[++i];
            else if (args[i].equals("--save-turtle")) saveTurtle = args[++i];
            else files.add(args[i]);
        }
        int problems = 0;
        for (String path : files) {
            OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
            for (SimpleIRIMapper mapper : catalog(catalogFile)) manager.getIRIMappers().add(mapper);
            OWLOntologyLoaderConfiguration config = new OWLOntologyLoaderConfiguration()
                .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.THROW_EXCEPTION);
            OWLOntology ontology;
            try {
                ontology = manager.loadOntologyFromOntologyDocument(
                    new FileDocumentSource(new File(path), formatOf(path)), config);
            } catch (Exception error) {
                System.out.println(path + ": PARSE " + error.getClass().getSimpleName() + ": "
                    + String.valueOf(error.getMessage()).split("\n")[0]);
                problems++;
                continue;
            }
            OWLDocumentFormat format = manager.getOntologyFormat(ontology);
            long unparsed = 0;
            if (format != null && format.getOntologyLoaderMetaData().isPresent()
                    && format.getOntologyLoaderMetaData().get() instanceof RDFParserMetaData) {
                RDFParserMetaData meta = (RDFParserMetaData) format.getOntologyLoaderMetaData().get();
                List<Object> triples = new ArrayList<>();
                meta.getUnparsedTriples().forEach(triples::add);
                unparsed = triples.size();
                triples.stream().limit(10).forEach(t -> System.out.println(path + ": UNPARSED " + t));
            }
            problems += unparsed;
            OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
            for (OWLProfileViolation violation : report.getViolations()) {
                System.out.println(path + ": PROFILE " + violation);
                problems++;
            }
            System.out.println(path + ": loaded " + ontology.getAxiomCount() + " axioms, "
                + (unparsed + report.getViolations().size()) + " problem(s), format " + format);
            if (saveRdfXml != null) manager.saveOntology(ontology, new RDFXMLDocumentFormat(), IRI.create(new File(saveRdfXml)));
            if (saveTurtle != null) manager.saveOntology(ontology, new TurtleDocumentFormat(), IRI.create(new File(saveTurtle)));
        }
        System.exit(problems == 0 ? 0 : 1);
    }
}
