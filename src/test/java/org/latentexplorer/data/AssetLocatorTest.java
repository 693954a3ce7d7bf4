package org.latentexplorer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetLocatorTest {

    @TempDir
    Path root;

    private Path folder(String relative) throws Exception {
        return Files.createDirectories(root.resolve(relative));
    }

    @Test
    void workingDirectoryComesFirst() throws Exception {
        Path work = folder("work");
        Path app = folder("app");
        folder("work/assets");
        folder("app/assets");
        AssetLocator locator = new AssetLocator(null, work, app.resolve("target/latent-explorer.jar"));
        assertEquals(work.resolve("assets"), locator.assets());
        assertEquals(List.of(work, app.resolve("target"), app), locator.places());
    }

    @Test
    void assetsBesideTheJarFolderAreFoundFromElsewhere() throws Exception {
        Path elsewhere = folder("elsewhere");
        Path app = folder("app");
        folder("app/assets");
        AssetLocator locator = new AssetLocator(null, elsewhere, app.resolve("target/latent-explorer.jar"));
        assertEquals(app.resolve("assets"), locator.assets());
        assertEquals(app.resolve("models"), locator.models());
    }

    @Test
    void assetsBesideTheJarItselfAreFound() throws Exception {
        Path dist = folder("dist");
        folder("dist/assets");
        AssetLocator locator = new AssetLocator(null, folder("elsewhere"), dist.resolve("latent-explorer.jar"));
        assertEquals(dist.resolve("assets"), locator.assets());
    }

    @Test
    void homePropertyIsTheOnlyPlaceLookedIn() throws Exception {
        Path work = folder("work");
        folder("work/assets");
        Path home = folder("home");
        AssetLocator locator = new AssetLocator(home, work, null);
        DataException e = assertThrows(DataException.class, locator::assets);
        assertTrue(e.getMessage().contains(home.resolve("assets").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(AssetLocator.HOME_PROPERTY), e.getMessage());
        folder("home/assets");
        assertEquals(home.resolve("assets"), locator.assets());
    }

    @Test
    void notFindingAssetsNamesEveryPlaceLookedIn() throws Exception {
        Path work = folder("work");
        Path app = folder("app");
        AssetLocator locator = new AssetLocator(null, work, app.resolve("target/classes"));
        String m = assertThrows(DataException.class, locator::assets).getMessage();
        for (Path place : List.of(work, app.resolve("target"), app)) {
            assertTrue(m.contains(place.toString()), m);
        }
        assertTrue(m.contains("-D" + AssetLocator.HOME_PROPERTY), m);
    }

    @Test
    void existingModelsFolderWinsElseItGoesBesideAssetsElseInTheWorkingDirectory() throws Exception {
        Path work = folder("work");
        Path app = folder("app");
        AssetLocator locator = new AssetLocator(null, work, app.resolve("target/latent-explorer.jar"));
        assertEquals(work.resolve("models"), locator.models());
        folder("app/assets");
        assertEquals(app.resolve("models"), locator.models());
        folder("app/target/models");
        assertEquals(app.resolve("target/models"), locator.models());
        folder("work/models");
        assertEquals(work.resolve("models"), locator.models());
    }

    @Test
    void environmentLocatorFindsTheRepositoryAssets() throws Exception {
        // Tests run from the project folder, which ships assets/.
        assertTrue(Files.isDirectory(AssetLocator.fromEnvironment().assets().resolve("mnist")));
    }
}
