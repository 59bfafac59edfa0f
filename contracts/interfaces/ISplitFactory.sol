// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Creates Splits as 50-byte clones at addresses that commit to their whole config.
/// @dev A payee is packed in one word: `(uint256(share) << 160) | uint160(account)`. Payees are sorted by
/// account, strictly ascending, with non-zero shares; the config is never stored, only committed to by the
/// CREATE2 salt (the Merkle root of the payees), so it is published in full in `SplitCreated`.
interface ISplitFactory {
    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @dev The payee count is below 2 or above `MAX_PAYEES`.
    error SplitPayeeCount(uint256 count);

    /// @dev The payee at `index` is not strictly above the previous one (unsorted or duplicate).
    error SplitPayeesNotSorted(uint256 index);

    /// @dev The payee at `index` has a zero share.
    error SplitZeroShare(uint256 index);

    /// @dev The first (lowest) payee is the zero address.
    error SplitZeroAddress();

    /// @dev A Split with this config and salt already exists at `split`.
    error SplitAlreadyExists(address split);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice A Split was created; `payees` (packed words) and `totalShares` are its full, immutable config.
    event SplitCreated(
        address indexed split,
        bytes32 indexed root,
        uint256 totalShares,
        bytes32 salt,
        uint256[] payees
    );

    /*//////////////////////////////////////////////////////////////
                               FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Creates the Split for `payees` and `salt` at its predicted address.
    function createSplit(uint256[] calldata payees, bytes32 salt) external returns (address split);

    /// @notice The address a Split for `payees` and `salt` has (or will have), and its root. Validates the config.
    function predictSplit(uint256[] calldata payees, bytes32 salt) external view returns (address split, bytes32 root);

    /// @notice The Merkle root and total shares of `payees` with `salt`. Validates the config.
    function splitRoot(
        uint256[] calldata payees,
        bytes32 salt
    ) external pure returns (bytes32 root, uint256 totalShares);

    /// @notice The Split implementation every clone delegates to.
    function IMPLEMENTATION() external view returns (address);

    /// @notice keccak256 of the clone creation code (for CREATE2 address prediction off-chain).
    function CLONE_INIT_CODE_HASH() external view returns (bytes32);
}
